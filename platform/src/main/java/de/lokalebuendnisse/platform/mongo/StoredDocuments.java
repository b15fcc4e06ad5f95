package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the stand-in's documents are written into its file: as BSON, where mongo-java-server's H2 backend leaves them
 * to H2's default type, which Java-serialises every document at every commit. In the query service's catch-up that
 * serialisation was about a fifth of all CPU samples; BSON writes a directory document about four times as fast and
 * reads it about two and a half times as fast (measured on a document with 41 partners: 95 against 23 µs to write,
 * 80 against 31 µs to read, 5.8 against 4.6 KB).
 * <p>
 * Files written before keep working: a BSON value starts with a tag H2's own type never writes, anything else is read
 * as before. A document BSON would not give back equal (a value of a type BSON does not know, an instant finer than a
 * millisecond, a set, a map that is not a document) is written the old way, so reading never changes a document.
 * A file written here cannot be read by the stock backend any more (the README says so).
 */
final class StoredDocuments extends BasicDataType<Document> {

    /** Marks a BSON value; H2's {@link ObjectDataType} starts its values with tags below 128. */
    static final byte BSON = (byte) 0xB5;

    private final ObjectDataType javaSerialised = new ObjectDataType();
    /** The size of the documents written so far, to size the buffer a document is encoded into. */
    private volatile int averageSize = 1024;

    /**
     * What a document takes in the heap, for H2's page cache (16 MB by default), which counts by this and nothing
     * else. A fixed guess let the cache hold about 25 times what it counted: opening the query side's file at 24,000
     * directory documents ran out of a 160 MB heap.
     */
    @Override
    public int getMemory(Document document) {
        return heapBytes(document);
    }

    /** An estimate of the heap {@code value} takes as the stand-in holds it (compact strings, boxed numbers). */
    static int heapBytes(Object value) {
        if (value instanceof String text) {
            return 48 + text.length();
        }
        if (value instanceof Document document) {
            // the map, its table and one entry per field
            int bytes = 64 + 16 * document.size();
            for (Map.Entry<String, Object> field : document.entrySet()) {
                bytes += 48 + heapBytes(field.getKey()) + heapBytes(field.getValue());
            }
            return bytes;
        }
        if (value instanceof List<?> list) {
            int bytes = 48 + 8 * list.size();
            for (Object element : list) {
                bytes += heapBytes(element);
            }
            return bytes;
        }
        return 24;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        if (!givenBackEqual(document)) {
            javaSerialised.write(buffer, document);
            return;
        }
        ByteBuf encoded = Unpooled.buffer(Math.max(256, averageSize));
        try {
            try {
                BsonEncoder.encodeDocument(document, encoded);
            } catch (RuntimeException notEncodable) {
                // this runs inside H2's commit, which must not fail: the old way writes anything serialisable
                javaSerialised.write(buffer, document);
                return;
            }
            averageSize = (averageSize * 15 + encoded.readableBytes()) / 16;
            buffer.put(BSON);
            buffer.put(encoded.nioBuffer());
        } finally {
            encoded.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (Document) javaSerialised.read(buffer);
        }
        buffer.get();
        ByteBuf stored = Unpooled.wrappedBuffer(buffer.duplicate());
        Document document = BsonDecoder.decodeBson(stored);
        buffer.position(buffer.position() + stored.readerIndex());
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /** Whether BSON gives {@code value} back equal and of the same type. */
    static boolean givenBackEqual(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean || value instanceof ObjectId
                || value instanceof Decimal128 || value instanceof BinData || value instanceof UUID
                || value instanceof LegacyUUID || value instanceof BsonTimestamp || value instanceof MinKey
                || value instanceof MaxKey || value instanceof BsonRegularExpression
                || value instanceof BsonJavaScript) {
            return true;
        }
        if (value instanceof Instant instant) {
            // BSON keeps milliseconds
            return instant.getNano() % 1_000_000 == 0;
        }
        if (value instanceof Document document) {
            for (Map.Entry<String, Object> field : document.entrySet()) {
                if (!givenBackEqual(field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!givenBackEqual(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
