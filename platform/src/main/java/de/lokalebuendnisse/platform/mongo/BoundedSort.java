package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The page of a sorted query with a limit, found while the matching documents stream past: only the best
 * {@code skip + limit} of them are held at any time.
 * <p>
 * The stock stand-in sorted every matching document and then cut the page out. At 24,700 alliances that held every
 * search document of the directory at once (about 55 MB) for each new page: the query service's old generation
 * filled, and a page took 1.1 to 2.4 s, half of it in full collections. Ties keep the order the documents were
 * read in, as the stock sort (a stable one) keeps it, so the page is the same document for document.
 */
final class BoundedSort {

    /** Beyond this many held documents a page is sorted the stock way: a deep page saves nothing. */
    static final int MOST_HELD = 10_000;

    private BoundedSort() {
    }

    /** A collection's stock way from the documents it reads to its answer (filter, sort, page, projection). */
    @FunctionalInterface
    interface StockPath {
        QueryResult answer(Stream<Document> documents, Document query, Document orderBy, int skip, int limit,
                           int batchSize, Document fieldSelector);
    }

    /**
     * A collection's answer to a query: a sorted page with a limit from {@link #page}, then ended as the stock path
     * ends a page (projected, the first batch answered, a cursor for the rest); any other query the stock way.
     */
    static QueryResult answer(Stream<Document> documents, Document query, Document orderBy, int skip, int limit,
                              int batchSize, Document fieldSelector, Comparator<Document> order,
                              Predicate<Document> matches, StockPath stock) {
        if (!applies(order, skip, limit)) {
            return stock.answer(documents, query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        List<Document> page = page(documents.filter(matches), order, skip, limit);
        return stock.answer(page.stream(), new Document(), null, 0, 0, batchSize, fieldSelector);
    }

    /** Whether a query so ordered and limited is answered here ({@code order} null: unsorted or natural order). */
    static boolean applies(Comparator<Document> order, int skip, int limit) {
        return order != null && skip >= 0 && limit > 0 && (long) skip + limit <= MOST_HELD;
    }

    /** The documents {@code skip} to {@code skip + limit} of {@code matching} in {@code order}, in that order. */
    static List<Document> page(Stream<Document> matching, Comparator<Document> order, int skip, int limit) {
        int held = skip + limit;
        Comparator<Ranked> ranking = Comparator.comparing(Ranked::document, order)
                .thenComparingLong(Ranked::arrival);
        // the worst of those held on top, to be dropped when a better one comes
        PriorityQueue<Ranked> best = new PriorityQueue<>(held + 1, ranking.reversed());
        long[] arrivals = {0};
        matching.forEach(document -> {
            Ranked ranked = new Ranked(document, arrivals[0]++);
            if (best.size() < held) {
                best.add(ranked);
            } else if (ranking.compare(ranked, best.peek()) < 0) {
                best.poll();
                best.add(ranked);
            }
        });
        List<Ranked> sorted = new ArrayList<>(best);
        sorted.sort(ranking);
        List<Document> page = new ArrayList<>(Math.max(0, sorted.size() - skip));
        for (int i = skip; i < sorted.size(); i++) {
            page.add(sorted.get(i).document());
        }
        return page;
    }

    private record Ranked(Document document, long arrival) {
    }
}
