package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unique indexes' keys read back equal and of the same types, compare equal exactly when they are equal, and a
 * map of them finds every key again after the file was closed.
 */
class IndexKeysTest {

    @TempDir
    Path folder;

    private final IndexKeys type = new IndexKeys();

    @Test
    void everyKeyReadsBackEqualWithValuesOfTheSameTypes() {
        for (KeyValue key : randomKeys(new Random(20261207), 2000)) {
            KeyValue read = writtenAndRead(key);
            assertThat(read).as("%s", key).isEqualTo(key);
            for (int i = 0; i < key.size(); i++) {
                assertThat(typeOf(read.get(i))).as("value %d of %s", i, key).isEqualTo(typeOf(key.get(i)));
            }
        }
    }

    @Test
    void eachKeyIsWrittenInTheFormItsValuesNeedAndKeysOfDifferentFormsAreNeverEqual() {
        KeyValue missing = new KeyValue(Missing.getInstance());
        KeyValue finerThanMillis = new KeyValue(Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
        KeyValue millis = new KeyValue(Instant.ofEpochSecond(1_700_000_000L, 123_000_000));

        assertThat(IndexKeys.encode(missing)[0]).isEqualTo(IndexKeys.JAVA);
        assertThat(IndexKeys.encode(finerThanMillis)[0]).isEqualTo(IndexKeys.JAVA);
        assertThat(IndexKeys.encode(millis)[0]).isEqualTo(IndexKeys.BSON);
        assertThat(IndexKeys.encode(new KeyValue("d7"))[0]).isEqualTo(IndexKeys.TEXT);
        assertThat(IndexKeys.encode(new KeyValue(7L))[0]).isEqualTo(IndexKeys.LONG);
        assertThat(IndexKeys.encode(new KeyValue(7))[0]).isEqualTo(IndexKeys.BSON);
        assertThat(type.compare(new KeyValue(7L), new KeyValue(7))).as("a long is not an int").isNotZero();
        assertThat(writtenAndRead(missing).get(0)).isInstanceOf(Missing.class);
        assertThat(writtenAndRead(finerThanMillis)).isEqualTo(finerThanMillis);
        assertThat(type.compare(finerThanMillis, millis)).isNotZero();
    }

    @Test
    void twoKeysCompareEqualExactlyWhenTheyAreEqualAndTheOrderIsTotal() {
        List<KeyValue> keys = randomKeys(new Random(7), 400);
        for (KeyValue a : keys) {
            // an equal key that is another object, as a look-up or a page read from the file brings it
            assertThat(type.compare(a, writtenAndRead(a))).as("%s against its copy", a).isZero();
            for (KeyValue b : keys) {
                int ab = Integer.signum(type.compare(a, b));
                assertThat(ab == 0).as("%s against %s", a, b).isEqualTo(a.equals(b));
                assertThat(Integer.signum(type.compare(b, a))).isEqualTo(-ab);
            }
        }
        List<KeyValue> sorted = new ArrayList<>(keys);
        sorted.sort(type::compare);
        for (int i = 0; i + 2 < sorted.size(); i++) {
            assertThat(type.compare(sorted.get(i), sorted.get(i + 2))).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void aMapOfTheseKeysFindsEveryKeyAgainAfterTheFileWasClosed() {
        String file = folder.resolve("index.mv").toString();
        List<KeyValue> keys = randomKeys(new Random(11), 3000).stream().distinct().toList();

        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<KeyValue, Object> index = open(store);
            for (int i = 0; i < keys.size(); i++) {
                assertThat(index.putIfAbsent(keys.get(i), "position-" + i)).isNull();
            }
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<KeyValue, Object> index = open(store);
            assertThat(index.sizeAsLong()).isEqualTo(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                KeyValue copy = writtenAndRead(keys.get(i));
                assertThat(index.get(copy)).as("%s", keys.get(i)).isEqualTo("position-" + i);
                assertThat(index.putIfAbsent(copy, "another")).isEqualTo("position-" + i);
            }
        }
    }

    private static MVMap<KeyValue, Object> open(MVStore store) {
        return store.openMap("index", new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeys()));
    }

    private KeyValue writtenAndRead(KeyValue key) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, key);
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        return type.read(written);
    }

    private static Class<?> typeOf(Object value) {
        return value == null ? null : value instanceof List<?> ? List.class : value.getClass();
    }

    /** Keys as the stand-in makes them: one or two values of the types its documents hold. */
    private static List<KeyValue> randomKeys(Random random, int count) {
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Object> values = new ArrayList<>();
            for (int v = 0, n = 1 + random.nextInt(2); v < n; v++) {
                values.add(randomValue(random, 0));
            }
            keys.add(new KeyValue(values));
        }
        return keys;
    }

    private static Object randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 1 ? 9 : 11)) {
            case 0 -> "bündnis-" + random.nextInt(500);
            case 1 -> "x".repeat(random.nextInt(40)) + random.nextInt(10);
            case 2 -> random.nextInt(2000) - 1000;
            case 3 -> random.nextLong();
            case 4 -> random.nextDouble();
            case 5 -> random.nextBoolean() ? Boolean.TRUE : null;
            case 6 -> Instant.ofEpochMilli(1_600_000_000_000L + random.nextInt(1_000_000));
            case 7 -> new UUID(random.nextLong(), random.nextLong());
            case 8 -> new ObjectId();
            case 9 -> new Document("period", "2024/25").append("n", randomValue(random, depth + 1));
            default -> new ArrayList<>(Arrays.asList(randomValue(random, depth + 1), randomValue(random, depth + 1)));
        };
    }
}
