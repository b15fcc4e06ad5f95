package de.lokalebuendnisse.kernel.fold;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersistentSortedMapTest {

    @Test
    void answersLikeATreeMapThroughTenThousandRandomChanges() {
        Random random = new Random(20231122);
        TreeMap<Integer, String> expected = new TreeMap<>();
        PersistentSortedMap<Integer, String> map = PersistentSortedMap.empty();
        for (int step = 0; step < 10_000; step++) {
            int key = random.nextInt(2_000);
            if (random.nextInt(4) == 0) {
                expected.remove(key);
                map = map.without(key);
            } else {
                String value = "v" + step;
                expected.put(key, value);
                map = map.with(key, value);
            }
            if (step % 500 == 0) {
                assertSameAs(expected, map);
            }
        }
        assertSameAs(expected, map);
        for (int key = -1; key <= 2_000; key++) {
            assertThat(map.get(key)).isEqualTo(expected.get(key));
            assertThat(map.containsKey(key)).isEqualTo(expected.containsKey(key));
        }
    }

    @Test
    void everyEarlierVersionStaysAsItWas() {
        List<PersistentSortedMap<Integer, String>> versions = new ArrayList<>();
        List<TreeMap<Integer, String>> copies = new ArrayList<>();
        PersistentSortedMap<Integer, String> map = PersistentSortedMap.empty();
        TreeMap<Integer, String> copy = new TreeMap<>();
        Random random = new Random(7);
        for (int step = 0; step < 600; step++) {
            int key = random.nextInt(100);
            if (step % 3 == 0) {
                map = map.without(key);
                copy.remove(key);
            } else {
                map = map.with(key, "v" + step);
                copy.put(key, "v" + step);
            }
            versions.add(map);
            copies.add(new TreeMap<>(copy));
        }
        for (int i = 0; i < versions.size(); i++) {
            assertSameAs(copies.get(i), versions.get(i));
        }
    }

    @Test
    void staysBalancedWhenKeysArriveInOrder() {
        PersistentSortedMap<Integer, Integer> map = PersistentSortedMap.empty();
        for (int key = 0; key < 100_000; key++) {
            map = map.with(key, key);
        }
        // an AVL tree of n entries is at most about 1.44 log2(n + 2) high: 24 here; unbalanced it would be 100,000
        assertThat(map.height()).isLessThanOrEqualTo(24);
        for (int key = 0; key < 100_000; key += 2) {
            map = map.without(key);
        }
        assertThat(map.size()).isEqualTo(50_000);
        assertThat(map.height()).isLessThanOrEqualTo(23);
        assertThat(map.firstKey()).isEqualTo(1);
        assertThat(map.lastKey()).isEqualTo(99_999);
    }

    @Test
    void anUnchangedMapIsHandedBackItself() {
        String value = "one";
        PersistentSortedMap<Integer, String> map = PersistentSortedMap.<Integer, String>empty().with(1, value);
        assertThat(map.with(1, value)).isSameAs(map);
        assertThat(map.without(2)).isSameAs(map);
        assertThat(PersistentSortedMap.copyOf(map)).isSameAs(map);
    }

    @Test
    void equalsAndHashesLikeAnyMapWithTheSameEntries() {
        TreeMap<String, Integer> tree = new TreeMap<>(Map.of("b", 2, "a", 1, "c", 3));
        PersistentSortedMap<String, Integer> map = PersistentSortedMap.copyOf(tree);
        assertThat(map).isEqualTo(tree);
        assertThat(tree).isEqualTo(map);
        assertThat(map.hashCode()).isEqualTo(tree.hashCode());
        assertThat(map.toString()).isEqualTo(tree.toString());
        assertThat(map.headMap("b")).isEqualTo(Map.of("a", 1));
        assertThat(map.tailMap("b")).isEqualTo(Map.of("b", 2, "c", 3));
        assertThat(map.subMap("a", "c")).isEqualTo(Map.of("a", 1, "b", 2));
    }

    @Test
    void refusesChangesThroughTheMapInterfaceAndNulls() {
        PersistentSortedMap<String, Integer> map = PersistentSortedMap.<String, Integer>empty().with("a", 1);
        assertThatThrownBy(() -> map.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(3))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.with(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> map.with("b", null)).isInstanceOf(NullPointerException.class);
        assertThat(map).containsExactly(Map.entry("a", 1));
        assertThatThrownBy(() -> PersistentSortedMap.<String, Integer>empty().firstKey())
                .isInstanceOf(NoSuchElementException.class);
    }

    private static <K extends Comparable<? super K>, V> void assertSameAs(TreeMap<K, V> expected,
                                                                         PersistentSortedMap<K, V> map) {
        assertThat(map.size()).isEqualTo(expected.size());
        assertThat(new ArrayList<>(map.entrySet())).containsExactlyElementsOf(expected.entrySet());
        List<K> visited = new ArrayList<>();
        map.forEach((key, value) -> visited.add(key));
        assertThat(visited).containsExactlyElementsOf(expected.keySet());
        assertThat(map).isEqualTo(expected);
        if (!expected.isEmpty()) {
            assertThat(map.firstKey()).isEqualTo(expected.firstKey());
            assertThat(map.lastKey()).isEqualTo(expected.lastKey());
        }
    }
}
