package de.lokalebuendnisse.platform.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.QueryParameters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document the file's map holds may at any moment be serialised by H2's background writer or encoded into another
 * command's answer: an update must store a new document, never change the held one. The stock stand-in changed it in
 * place; under a rebuild H2's writer met a document mid-change, failed with a ConcurrentModificationException and
 * closed the file, and every command after that failed until the service was restarted.
 */
class StoredDocumentsUnchangedTest {

    private static final String DOCUMENTS = "databases.db.c";

    @TempDir
    Path folder;

    @Test
    void in_the_file_every_kind_of_update_stores_a_new_document_and_leaves_the_one_held_before_as_it_was() {
        DurableH2Backend backend = new DurableH2Backend(folder.resolve("stand-in.mv").toString());
        // the map the backend opened for the collection (opened by the first insert)
        everyKindOfUpdateLeavesTheHeldDocument(backend, () -> backend.getMvStore()
                .<Object, de.bwaldvogel.mongo.bson.Document>openMap(DOCUMENTS).get("a"));
    }

    @Test
    void in_memory_every_kind_of_update_stores_a_new_document_and_leaves_the_one_held_before_as_it_was() {
        CopyOnUpdate.MemoryStandIn backend = new CopyOnUpdate.MemoryStandIn();
        // what a query is answered with: the collection's own document
        everyKindOfUpdateLeavesTheHeldDocument(backend, () -> backend.resolveDatabase("db")
                .resolveCollection("c", true).handleQuery(new QueryParameters(new de.bwaldvogel.mongo.bson.Document(
                        "_id", "a"), 0, 0)).collectDocuments().get(0));
    }

    private static void everyKindOfUpdateLeavesTheHeldDocument(
            MongoBackend backend, Supplier<de.bwaldvogel.mongo.bson.Document> held) {
        DurableH2BackendTest.withServer(backend, collection -> {
            collection.insertOne(new Document("_id", "a").append("name", "Bündnis A")
                    .append("partners", new Document("p1", new Document("name", "Kita"))).append("year", 2024));

            List<Runnable> updates = List.of(
                    () -> collection.updateOne(Filters.eq("_id", "a"), Updates.set("partners.p2",
                            new Document("name", "Verein"))),
                    () -> collection.updateOne(Filters.eq("_id", "a"), Updates.unset("partners.p1"),
                            new UpdateOptions().upsert(true)),
                    () -> collection.updateMany(Filters.eq("year", 2024), Updates.set("name", "Bündnis A-Stadt")),
                    () -> collection.replaceOne(Filters.eq("_id", "a"), new Document("name", "ersetzt")
                            .append("year", 2024)),
                    () -> collection.findOneAndUpdate(Filters.eq("_id", "a"), Updates.set("year", 2025),
                            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
            for (Runnable update : updates) {
                de.bwaldvogel.mongo.bson.Document before = held.get();
                de.bwaldvogel.mongo.bson.Document asHeld = before.cloneDeeply();

                update.run();

                assertThat(before).as("the document held before the update").isEqualTo(asHeld);
                assertThat(held.get()).as("the document stored by the update").isNotSameAs(before)
                        .isNotEqualTo(asHeld);
            }
            assertThat(collection.find(Filters.eq("_id", "a")).first())
                    .isEqualTo(new Document("_id", "a").append("name", "ersetzt").append("year", 2025));
        });
    }

    /**
     * The way it was found, made likely: bulk writes changing large documents while the file is written again and
     * again, as H2's background writer does. Without the copies this closed the file in 3 of 4 runs; the test above is
     * the one that always fails then.
     */
    @Test
    void updates_while_the_file_is_written_keep_the_file_open_and_every_update_stored() {
        DurableH2Backend backend = new DurableH2Backend(folder.resolve("busy.mv").toString());
        DurableH2BackendTest.withServer(backend, collection -> {
            int documents = 200;
            int rounds = 100;
            List<Document> inserted = new ArrayList<>();
            for (int d = 0; d < documents; d++) {
                Document document = new Document("_id", "d" + d);
                for (int field = 0; field < 40; field++) {
                    document.append("f" + field, "Wert " + field + " des Dokuments " + d);
                }
                inserted.add(document);
            }
            collection.insertMany(inserted);
            AtomicBoolean updating = new AtomicBoolean(true);
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            // as MVStore's background writer: it stores the changed pages while a command is still changing others
            Thread writer = new Thread(() -> {
                while (updating.get() && writerFailure.get() == null) {
                    try {
                        backend.getMvStore().commit();
                    } catch (Throwable failure) {
                        writerFailure.set(failure);
                    }
                }
            });
            writer.start();
            try {
                for (int round = 0; round < rounds; round++) {
                    // one command changing every document, as a processor batch's bulk write does
                    List<UpdateOneModel<Document>> updates = new ArrayList<>();
                    for (int d = 0; d < documents; d++) {
                        // a field the document did not have: the stock stand-in added it to the held document
                        updates.add(new UpdateOneModel<>(Filters.eq("_id", "d" + d), Updates.combine(
                                Updates.set("p" + round, new Document("name", "Partner " + round)),
                                Updates.set("count", round + 1))));
                    }
                    collection.bulkWrite(updates);
                }
            } finally {
                updating.set(false);
                joinQuietly(writer);
            }
            assertThat(writerFailure.get()).as("the writer's failure").isNull();
            assertThat(backend.getMvStore().isClosed()).isFalse();
            List<Integer> counts = collection.find().map(document -> document.getInteger("count"))
                    .into(new ArrayList<>());
            assertThat(counts).hasSize(documents).containsOnly(rounds);
        });
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
