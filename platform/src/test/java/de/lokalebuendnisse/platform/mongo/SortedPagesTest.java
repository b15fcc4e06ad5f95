package de.lokalebuendnisse.platform.mongo;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sorted page with a limit holds only the documents it may answer, and an aggregation reads the collection one
 * document after another: at 24,700 alliances each new directory page and count held every search document at once
 * (about 55 MB), and the query service spent half of each page in full collections. The answers stay those of the
 * stock stand-in, document for document, ties in the same order.
 */
class SortedPagesTest {

    private static final int DOCUMENTS = 1_500;

    @TempDir
    Path folder;

    @Test
    void in_the_file_sorted_pages_counts_and_aggregations_answer_as_the_stock_stand_in() {
        List<List<Document>> ours = answersOf(new DurableH2Backend(folder.resolve("ours.mv").toString()));
        List<List<Document>> stock = answersOf(new H2Backend(MVStore.open(null)));

        assertThat(ours).hasSize(stock.size()).isEqualTo(stock);
    }

    @Test
    void in_memory_sorted_pages_counts_and_aggregations_answer_as_the_stock_stand_in() {
        List<List<Document>> ours = answersOf(new CopyOnUpdate.MemoryStandIn());
        List<List<Document>> stock = answersOf(new MemoryBackend());

        assertThat(ours).hasSize(stock.size()).isEqualTo(stock);
    }

    @Test
    void a_sorted_page_holds_no_more_documents_than_it_may_answer_while_the_others_stream_past() {
        int skip = 20;
        int limit = 10;
        List<WeakReference<de.bwaldvogel.mongo.bson.Document>> passed = new ArrayList<>();
        int[] stillHeld = {-1};
        Random random = new Random(7);
        Stream<de.bwaldvogel.mongo.bson.Document> matching = Stream.iterate(0, i -> i < 5_000, i -> i + 1)
                .map(i -> {
                    if (i == 4_000) {
                        stillHeld[0] = held(passed);
                    }
                    de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", i)
                            .append("rank", random.nextInt(100)).append("padding", "x".repeat(200));
                    passed.add(new WeakReference<>(document));
                    return document;
                });

        List<de.bwaldvogel.mongo.bson.Document> page = BoundedSort.page(matching,
                new de.bwaldvogel.mongo.backend.DocumentComparator(new de.bwaldvogel.mongo.bson.Document("rank", 1)),
                skip, limit);

        assertThat(page).hasSize(limit);
        assertThat(stillHeld[0]).as("documents of the first 4,000 still held when the 4,001st comes")
                .isLessThanOrEqualTo(skip + limit);
    }

    @Test
    void an_aggregation_reads_the_files_collection_one_document_after_another_without_gathering_it() {
        String file = folder.resolve("scan.mv").toString();
        DurableH2BackendTest.withServer(new DurableH2Backend(file), collection -> {
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                documents.add(new Document("_id", i).append("text", "y".repeat(20_000)));
            }
            collection.insertMany(documents);
        });
        // opened again, as after a restart, with the smallest page cache: the cache itself holds a few of them
        DurableH2Backend reopened = new DurableH2Backend(file, java.time.Duration.ofSeconds(45), 90, 1);
        try {
            List<WeakReference<de.bwaldvogel.mongo.bson.Document>> read = new ArrayList<>();
            Iterator<de.bwaldvogel.mongo.bson.Document> all = reopened.resolveDatabase("db")
                    .resolveCollection("c", true).queryAllAsStream().iterator();
            for (int i = 0; i < 300; i++) {
                read.add(new WeakReference<>(all.next()));
            }

            // 300 documents of 20 KB are 6 MB; a page cache of 1 MB holds about 50 of them
            assertThat(held(read)).as("documents read of 300, still held while the aggregation reads on")
                    .isLessThan(150);
            int rest = 0;
            while (all.hasNext()) {
                all.next();
                rest++;
            }
            assertThat(rest).isEqualTo(100);
        } finally {
            reopened.close();
        }
    }

    private static int held(List<? extends WeakReference<?>> references) {
        System.gc();
        return (int) references.stream().filter(reference -> reference.get() != null).count();
    }

    /** The answers of a fixed series of random sorted pages, counts and aggregations over the same documents. */
    private static List<List<Document>> answersOf(MongoBackend backend) {
        List<List<Document>> answers = new ArrayList<>();
        DurableH2BackendTest.withServer(backend, collection -> {
            Random random = new Random(20231122);
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                documents.add(randomDocument(random, i));
            }
            collection.insertMany(documents);

            // no arrays among the sort keys: the stand-in orders them inconsistently (the stock sort refuses them at
            // times), so there is no one order to compare with
            List<String> keys = List.of("rank", "land", "place.name", "mixed", "_id");
            List<Bson> filters = List.of(new Document(), Filters.eq("registered", true), Filters.gte("rank", 4),
                    Filters.in("land", "DE-NW", "DE-BY"), Filters.eq("tags", "b"));
            List<Bson> projections = List.of(Projections.include("_id"), Projections.include("_id", "rank"),
                    Projections.include("land", "place.name"), Projections.exclude("padding"),
                    Projections.fields(Projections.include("rank"), Projections.excludeId()));
            for (int q = 0; q < 300; q++) {
                List<Bson> order = new ArrayList<>();
                for (int k = 0, n = 1 + random.nextInt(2); k < n; k++) {
                    String key = keys.get(random.nextInt(keys.size()));
                    order.add(random.nextBoolean() ? Sorts.ascending(key) : Sorts.descending(key));
                }
                var find = collection.find(filters.get(random.nextInt(filters.size())))
                        .sort(Sorts.orderBy(order)).skip(random.nextInt(40)).limit(1 + random.nextInt(30));
                if (random.nextInt(3) > 0) {
                    find = find.projection(projections.get(random.nextInt(projections.size())));
                }
                if (random.nextInt(4) == 0) {
                    // small batches: the page's rest is answered from a cursor
                    find = find.batchSize(2);
                }
                answers.add(find.into(new ArrayList<>()));
            }
            // a deep page, beyond what a bounded sort holds, and one without a limit: the stock way
            answers.add(collection.find().sort(Sorts.ascending("rank")).skip(1_400).limit(BoundedSort.MOST_HELD)
                    .into(new ArrayList<>()));
            answers.add(collection.find(Filters.eq("land", "DE-HB")).sort(Sorts.descending("rank", "_id"))
                    .into(new ArrayList<>()));
            for (Bson filter : filters) {
                answers.add(List.of(new Document("count", collection.countDocuments(filter))));
            }
            answers.add(collection.aggregate(List.of(Aggregates.match(Filters.eq("registered", true)),
                    Aggregates.unwind("$tags"), Aggregates.group("$tags", Accumulators.sum("count", 1)),
                    Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>()));
            answers.add(collection.aggregate(List.of(Aggregates.group("$land", Accumulators.sum("count", 1)),
                    Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>()));
        });
        return answers;
    }

    private static Document randomDocument(Random random, int i) {
        Document document = new Document("_id", String.format("b-%05d", (i * 7919) % DOCUMENTS))
                .append("registered", random.nextInt(10) > 0)
                .append("land", List.of("DE-NW", "DE-BY", "DE-BW", "DE-HB").get(random.nextInt(4)))
                .append("padding", "p".repeat(random.nextInt(50)));
        if (random.nextInt(8) > 0) {
            // many ties: the order among equal ranks is the order read
            document.append("rank", random.nextInt(6));
        }
        if (random.nextInt(5) > 0) {
            document.append("place", new Document("name", List.of("Aachen", "Bonn", "Köln", "bonn").get(
                    random.nextInt(4))));
        }
        int tags = random.nextInt(4);
        List<String> tagList = new ArrayList<>();
        for (int t = 0; t < tags; t++) {
            tagList.add(List.of("a", "b", "c").get(random.nextInt(3)));
        }
        document.append("tags", tagList);
        // values of different types under one key, ordered by type first
        Function<Random, Object> mixed = r -> switch (r.nextInt(5)) {
            case 0 -> r.nextInt(3);
            case 1 -> "t" + r.nextInt(3);
            case 2 -> r.nextBoolean();
            case 3 -> null;
            default -> 1.5;
        };
        document.append("mixed", mixed.apply(random));
        return document;
    }
}
