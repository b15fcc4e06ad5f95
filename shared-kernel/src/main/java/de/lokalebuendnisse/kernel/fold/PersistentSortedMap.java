package de.lokalebuendnisse.kernel.fold;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A sorted map (natural order of its keys) that never changes: {@link #with} and {@link #without} hand back a new map
 * that shares every node with this one except the few on the path to the key (a balanced tree, AVL), so a fold that
 * changes one key per event costs O(log n) per event instead of a copy of the whole map. The award period's fold
 * copied its map of alliances for every event (a {@code TreeMap} per event): at 100 times the real number of alliances
 * a period's stream holds tens of thousands of events, and every command to the period folded them again, O(n²).
 * <p>
 * Read like any {@link SortedMap}; it equals (and hashes like) any map with the same entries. Changing it through the
 * {@code Map} interface is refused; the views {@link #subMap}, {@link #headMap} and {@link #tailMap} are read-only
 * copies (no fold uses them). Keys and values must not be null.
 */
public final class PersistentSortedMap<K extends Comparable<? super K>, V> extends AbstractMap<K, V>
        implements SortedMap<K, V> {

    private static final PersistentSortedMap<?, ?> EMPTY = new PersistentSortedMap<>(null);

    private final Node<K, V> root;

    private record Node<K, V>(K key, V value, Node<K, V> left, Node<K, V> right, int height, int size) {
    }

    private PersistentSortedMap(Node<K, V> root) {
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    public static <K extends Comparable<? super K>, V> PersistentSortedMap<K, V> empty() {
        return (PersistentSortedMap<K, V>) EMPTY;
    }

    /** {@code map} itself when it is one already, else its entries in a new one. */
    public static <K extends Comparable<? super K>, V> PersistentSortedMap<K, V> copyOf(
            Map<? extends K, ? extends V> map) {
        if (map instanceof PersistentSortedMap<?, ?> persistent) {
            @SuppressWarnings("unchecked")
            PersistentSortedMap<K, V> same = (PersistentSortedMap<K, V>) persistent;
            return same;
        }
        PersistentSortedMap<K, V> copy = empty();
        for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
            copy = copy.with(entry.getKey(), entry.getValue());
        }
        return copy;
    }

    /** This map with {@code key} mapped to {@code value}; this map itself when it maps it to that very object. */
    public PersistentSortedMap<K, V> with(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Node<K, V> changed = put(root, key, value);
        return changed == root ? this : new PersistentSortedMap<>(changed);
    }

    /** This map without {@code key}; this map itself when it has no such key. */
    public PersistentSortedMap<K, V> without(K key) {
        Objects.requireNonNull(key, "key");
        Node<K, V> changed = remove(root, key);
        return changed == root ? this : new PersistentSortedMap<>(changed);
    }

    /** The tree's height (0 when empty): at most about 1.44 log2(n + 2) for an AVL tree of n entries. */
    int height() {
        return height(root);
    }

    @Override
    public V get(Object key) {
        Node<K, V> node = find(key);
        return node == null ? null : node.value;
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) != null;
    }

    @Override
    public int size() {
        return size(root);
    }

    @Override
    public boolean isEmpty() {
        return root == null;
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        Objects.requireNonNull(action);
        inOrder(root, action);
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        // A fresh view each time (not cached): the map holds final fields only, and the view costs one small object.
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                return new InOrder<>(root);
            }

            @Override
            public int size() {
                return PersistentSortedMap.this.size();
            }
        };
    }

    @Override
    public Comparator<? super K> comparator() {
        return null;
    }

    @Override
    public K firstKey() {
        if (root == null) {
            throw new NoSuchElementException();
        }
        Node<K, V> node = root;
        while (node.left != null) {
            node = node.left;
        }
        return node.key;
    }

    @Override
    public K lastKey() {
        if (root == null) {
            throw new NoSuchElementException();
        }
        Node<K, V> node = root;
        while (node.right != null) {
            node = node.right;
        }
        return node.key;
    }

    @Override
    public SortedMap<K, V> subMap(K fromKey, K toKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).subMap(fromKey, toKey));
    }

    @Override
    public SortedMap<K, V> headMap(K toKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).headMap(toKey));
    }

    @Override
    public SortedMap<K, V> tailMap(K fromKey) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(this).tailMap(fromKey));
    }

    @SuppressWarnings("unchecked")
    private Node<K, V> find(Object key) {
        Objects.requireNonNull(key, "key");
        // a key of another type fails here as a TreeMap's would: ClassCastException
        Comparable<? super K> wanted = (Comparable<? super K>) key;
        Node<K, V> node = root;
        while (node != null) {
            int order = wanted.compareTo(node.key);
            if (order == 0) {
                return node;
            }
            node = order < 0 ? node.left : node.right;
        }
        return null;
    }

    private static <K extends Comparable<? super K>, V> Node<K, V> put(Node<K, V> node, K key, V value) {
        if (node == null) {
            return new Node<>(key, value, null, null, 1, 1);
        }
        int order = key.compareTo(node.key);
        if (order == 0) {
            return node.value == value ? node : new Node<>(node.key, value, node.left, node.right, node.height,
                    node.size);
        }
        if (order < 0) {
            Node<K, V> left = put(node.left, key, value);
            return left == node.left ? node : balanced(node.key, node.value, left, node.right);
        }
        Node<K, V> right = put(node.right, key, value);
        return right == node.right ? node : balanced(node.key, node.value, node.left, right);
    }

    private static <K extends Comparable<? super K>, V> Node<K, V> remove(Node<K, V> node, K key) {
        if (node == null) {
            return null;
        }
        int order = key.compareTo(node.key);
        if (order < 0) {
            Node<K, V> left = remove(node.left, key);
            return left == node.left ? node : balanced(node.key, node.value, left, node.right);
        }
        if (order > 0) {
            Node<K, V> right = remove(node.right, key);
            return right == node.right ? node : balanced(node.key, node.value, node.left, right);
        }
        if (node.left == null) {
            return node.right;
        }
        if (node.right == null) {
            return node.left;
        }
        // the successor takes the removed node's place
        Node<K, V> successor = node.right;
        while (successor.left != null) {
            successor = successor.left;
        }
        return balanced(successor.key, successor.value, node.left, remove(node.right, successor.key));
    }

    /** A node over {@code left} and {@code right}, whose heights differ by at most two, rotated back into balance. */
    private static <K, V> Node<K, V> balanced(K key, V value, Node<K, V> left, Node<K, V> right) {
        int leftHeight = height(left);
        int rightHeight = height(right);
        if (leftHeight > rightHeight + 1) {
            if (height(left.left) >= height(left.right)) {
                return node(left.key, left.value, left.left, node(key, value, left.right, right));
            }
            Node<K, V> pivot = left.right;
            return node(pivot.key, pivot.value, node(left.key, left.value, left.left, pivot.left),
                    node(key, value, pivot.right, right));
        }
        if (rightHeight > leftHeight + 1) {
            if (height(right.right) >= height(right.left)) {
                return node(right.key, right.value, node(key, value, left, right.left), right.right);
            }
            Node<K, V> pivot = right.left;
            return node(pivot.key, pivot.value, node(key, value, left, pivot.left),
                    node(right.key, right.value, pivot.right, right.right));
        }
        return node(key, value, left, right);
    }

    private static <K, V> Node<K, V> node(K key, V value, Node<K, V> left, Node<K, V> right) {
        return new Node<>(key, value, left, right, 1 + Math.max(height(left), height(right)),
                1 + size(left) + size(right));
    }

    private static int height(Node<?, ?> node) {
        return node == null ? 0 : node.height;
    }

    private static int size(Node<?, ?> node) {
        return node == null ? 0 : node.size;
    }

    private static <K, V> void inOrder(Node<K, V> node, BiConsumer<? super K, ? super V> action) {
        // recursion as deep as the tree: at most about 1.44 log2(n) levels
        while (node != null) {
            inOrder(node.left, action);
            action.accept(node.key, node.value);
            node = node.right;
        }
    }

    /** The entries in key order, read-only. */
    private static final class InOrder<K, V> implements Iterator<Map.Entry<K, V>> {

        private final Deque<Node<K, V>> path = new ArrayDeque<>();

        InOrder(Node<K, V> root) {
            descend(root);
        }

        private void descend(Node<K, V> node) {
            while (node != null) {
                path.push(node);
                node = node.left;
            }
        }

        @Override
        public boolean hasNext() {
            return !path.isEmpty();
        }

        @Override
        public Map.Entry<K, V> next() {
            if (path.isEmpty()) {
                throw new NoSuchElementException();
            }
            Node<K, V> node = path.pop();
            descend(node.right);
            return new SimpleImmutableEntry<>(node.key, node.value);
        }
    }
}
