package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the stand-in's unique indexes in its file, in the same order as before and stored the same way.
 * <p>
 * mongo-java-server leaves its index keys ({@link KeyValue}s) to H2's default type, which compares two keys that are
 * not {@link Comparable} by Java-serialising both, at every comparison: a look-up of one key in a page serialises it
 * and each key it is compared with, and the stored keys are serialised again at every look-up. Under the benchmark's
 * sustained load that was 35 to 44 % of the CPU samples of the reading services, in the rebuild of the directory
 * about a fifth. Here each key is serialised once while it stays in the cache below; the comparison is H2's own on
 * those bytes, so the order (and every file written before) stays exactly as it was, and a file written here is
 * still read by the stock backend. Writing and reading keys are H2's own too.
 * <p>
 * The cache is indexed by identity: a key is an immutable object, so its serialised form cannot change, and two
 * distinct keys never share an entry (equal keys give equal bytes anyway). It holds the keys of the pages in use and
 * the key being looked up; a miss only costs the serialisation H2 does anyway. It is shared by all maps and threads:
 * its entries are immutable, a race costs at most a second serialisation.
 */
final class IndexKeys extends ObjectDataType {

    private static final int CACHE_SIZE = 1 << 14;
    private static final Serialised[] CACHE = new Serialised[CACHE_SIZE];

    private record Serialised(Object key, byte[] bytes) {
    }

    @Override
    public int compare(Object a, Object b) {
        // KeyValue is final and not Comparable: H2's default serialises both and compares the bytes
        if (a instanceof KeyValue && b instanceof KeyValue) {
            return a == b ? 0 : compareNotNull(serialised(a), serialised(b));
        }
        return super.compare(a, b);
    }

    static byte[] serialised(Object key) {
        int slot = System.identityHashCode(key) & (CACHE_SIZE - 1);
        Serialised cached = CACHE[slot];
        if (cached != null && cached.key() == key) {
            return cached.bytes();
        }
        byte[] bytes = serialize(key);
        CACHE[slot] = new Serialised(key, bytes);
        return bytes;
    }
}
