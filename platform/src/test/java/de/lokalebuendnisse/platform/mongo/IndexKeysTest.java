package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unique indexes' key type orders keys exactly as H2's default type does (so files written before keep their
 * order), and files written with either type are read by the other.
 */
class IndexKeysTest {

    @TempDir
    Path folder;

    @Test
    void keysAreOrderedExactlyAsH2sDefaultTypeOrdersThem() {
        List<KeyValue> keys = randomKeys(new Random(20261205), 250);
        IndexKeys fast = new IndexKeys();
        ObjectDataType stock = new ObjectDataType();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(fast.compare(a, b))).as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(stock.compare(a, b)));
            }
            // an equal key that is another object, as a look-up brings it: equal, not merely "not the same"
            assertThat(fast.compare(a, copyOf(a))).as("%s against its copy", a).isZero();
        }
    }

    @Test
    void aFileWrittenWithEitherKeyTypeIsReadWithTheOther() {
        String file = folder.resolve("index.mv").toString();
        List<KeyValue> keys = randomKeys(new Random(7), 3000).stream().distinct().toList();
        int half = keys.size() / 2;

        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<KeyValue, Object> stock = store.openMap("index");
            for (int i = 0; i < half; i++) {
                stock.put(keys.get(i), "position-" + i);
            }
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<KeyValue, Object> fast = store.openMap("index",
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeys()));
            for (int i = 0; i < half; i++) {
                assertThat(fast.get(copyOf(keys.get(i)))).as("written by the stock type: %s", keys.get(i))
                        .isEqualTo("position-" + i);
            }
            for (int i = half; i < keys.size(); i++) {
                assertThat(fast.putIfAbsent(keys.get(i), "position-" + i)).isNull();
            }
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<KeyValue, Object> stock = store.openMap("index");
            assertThat(stock.sizeAsLong()).isEqualTo(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                assertThat(stock.get(copyOf(keys.get(i)))).as("read by the stock type: %s", keys.get(i))
                        .isEqualTo("position-" + i);
            }
        }
    }

    /** Keys as the stand-in makes them: one or two values, strings, numbers, documents, lists, booleans, null. */
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
        return switch (random.nextInt(depth > 1 ? 6 : 8)) {
            case 0 -> "bündnis-" + random.nextInt(500);
            case 1 -> "x".repeat(random.nextInt(40)) + random.nextInt(10);
            case 2 -> random.nextInt(2000) - 1000;
            case 3 -> random.nextLong();
            case 4 -> random.nextDouble();
            case 5 -> random.nextBoolean() ? Boolean.TRUE : null;
            case 6 -> new Document("period", "2024/25").append("n", randomValue(random, depth + 1));
            default -> new ArrayList<>(java.util.Arrays.asList(randomValue(random, depth + 1),
                    randomValue(random, depth + 1)));
        };
    }

    private static KeyValue copyOf(KeyValue key) {
        return (KeyValue) ObjectDataType.deserialize(ObjectDataType.serialize(key));
    }
}
