package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The key type of the stand-in's unique indexes in its file: each key written as a small BSON document of its values
 * (a key of one text or one long as its bytes alone, the most frequent and cheapest) and ordered by those bytes.
 * <p>
 * mongo-java-server leaves its index keys ({@link KeyValue}s) to H2's default type, which Java-serialises a key to
 * write it, deserialises it to read it and serialises both keys at every comparison. Under the benchmark's sustained
 * load, with the comparisons already taken from a cache, that was still 31 % of the query service's CPU samples and
 * 47 % of the auditors' service's: H2 writes every key of each index page the commit after a command changed, and
 * reads them back whenever a page has left its cache. BSON does the same work in a fraction of the time.
 * <p>
 * The order is that of the encoded bytes, compared unsigned: any total order serves a unique index, which the
 * stand-in asks only for equal keys ({@code $eq}, {@code $in}), and two keys are equal exactly when their bytes are,
 * as before (where the bytes were Java's). A key with a value BSON would not give back equal (the stand-in's marker of
 * a missing field, an instant finer than a millisecond) is written Java-serialised behind a tag of its own, so it is
 * never equal to a BSON key and reads back as it was.
 * <p>
 * The order differs from that of files written before, so these keys live in maps of another name
 * ({@link #MAP_INFIX}); {@link DurableH2Backend} fills them from the documents once and drops the old maps.
 * <p>
 * Each key's bytes are kept in a small cache indexed by identity while the key is in use (a key is immutable, so its
 * bytes cannot change); a miss costs one encoding. The cache is shared by all maps and threads: its entries are
 * immutable, and a race costs at most a second encoding.
 */
final class IndexKeys extends BasicDataType<KeyValue> {

    /** The infix of a unique index's map in the file, between the collection's name and the index's. */
    static final String MAP_INFIX = "._keys_";

    /** The map name files written before used, with H2's default key type. */
    static final String FORMER_MAP_INFIX = "._index_";

    static final byte BSON = 1;
    static final byte JAVA = 2;
    /** A key of one text (most {@code _id}s): its UTF-8 bytes, without BSON's frame. */
    static final byte TEXT = 3;
    /** A key of one long (positions): its eight bytes. */
    static final byte LONG = 4;

    private static final int CACHE_SIZE = 1 << 14;
    private static final Encoded[] CACHE = new Encoded[CACHE_SIZE];

    private record Encoded(KeyValue key, byte[] bytes) {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        return a == b ? 0 : Arrays.compareUnsigned(encoded(a), encoded(b));
    }

    @Override
    public int getMemory(KeyValue key) {
        int bytes = 64;
        for (Object value : key) {
            bytes += 8 + StoredDocuments.heapBytes(value);
        }
        return bytes;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        byte[] bytes = encoded(key);
        buffer.putVarInt(bytes.length).put(bytes);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        KeyValue key = decode(bytes);
        remember(key, bytes);
        return key;
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    /** The key's bytes as written and compared: a tag, then the text, the long, BSON or Java serialisation. */
    static byte[] encoded(KeyValue key) {
        int slot = slot(key);
        Encoded cached = CACHE[slot];
        if (cached != null && cached.key() == key) {
            return cached.bytes();
        }
        byte[] bytes = encode(key);
        CACHE[slot] = new Encoded(key, bytes);
        return bytes;
    }

    private static void remember(KeyValue key, byte[] bytes) {
        CACHE[slot(key)] = new Encoded(key, bytes);
    }

    private static int slot(KeyValue key) {
        return System.identityHashCode(key) & (CACHE_SIZE - 1);
    }

    static byte[] encode(KeyValue key) {
        if (key.size() == 1 && key.get(0) instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            byte[] bytes = new byte[utf8.length + 1];
            bytes[0] = TEXT;
            System.arraycopy(utf8, 0, bytes, 1, utf8.length);
            return bytes;
        }
        if (key.size() == 1 && key.get(0) instanceof Long number) {
            return ByteBuffer.allocate(9).put(LONG).putLong(number).array();
        }
        Document values = new Document();
        int i = 0;
        for (Object value : key) {
            values.put(Integer.toString(i++), value);
        }
        if (StoredDocuments.givenBackEqual(values)) {
            ByteBuf buffer = Unpooled.buffer(64);
            try {
                buffer.writeByte(BSON);
                BsonEncoder.encodeDocument(values, buffer);
                byte[] bytes = new byte[buffer.readableBytes()];
                buffer.readBytes(bytes);
                return bytes;
            } catch (RuntimeException notEncodable) {
                // the Java way below writes anything serialisable
            } finally {
                buffer.release();
            }
        }
        byte[] serialised = ObjectDataType.serialize(key);
        byte[] bytes = new byte[serialised.length + 1];
        bytes[0] = JAVA;
        System.arraycopy(serialised, 0, bytes, 1, serialised.length);
        return bytes;
    }

    static KeyValue decode(byte[] bytes) {
        if (bytes[0] == TEXT) {
            return new KeyValue(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8));
        }
        if (bytes[0] == LONG) {
            return new KeyValue(ByteBuffer.wrap(bytes, 1, 8).getLong());
        }
        if (bytes[0] == JAVA) {
            return (KeyValue) ObjectDataType.deserialize(Arrays.copyOfRange(bytes, 1, bytes.length));
        }
        if (bytes[0] != BSON) {
            throw new IllegalStateException("an index key of an unknown format (tag " + bytes[0] + ")");
        }
        Document values = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes, 1, bytes.length - 1));
        return new KeyValue(new ArrayList<>(values.values()));
    }
}
