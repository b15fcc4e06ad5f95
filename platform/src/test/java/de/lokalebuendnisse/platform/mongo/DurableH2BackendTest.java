package de.lokalebuendnisse.platform.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Index;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class DurableH2BackendTest {

    @TempDir
    Path folder;

    @Test
    void a_reopened_file_answers_by_a_secondary_key_without_filling_an_index_the_stand_in_does_not_keep() {
        String file = folder.resolve("stand-in.mv").toString();
        withServer(file, collection -> {
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                documents.add(new Document("_id", "d" + i).append("year", 2023 + i % 3).append("n", i));
            }
            collection.insertMany(documents);
            collection.createIndex(Indexes.ascending("year", "n"));
        });

        DurableH2Backend reopened = new DurableH2Backend(file);
        try {
            List<Index<?>> indexes = new ArrayList<>(reopened.resolveDatabase("db").resolveCollection("c", false)
                    .getIndexes());
            assertThat(indexes).hasSize(2);
            // the placeholder counts as filled, so opening the file read no document to fill it
            assertThat(indexes).filteredOn(index -> index instanceof DurableH2Backend.IgnoredSecondaryIndex)
                    .singleElement().satisfies(index -> assertThat(index.isEmpty()).isFalse());
        } finally {
            reopened.close();
        }

        withServer(file, collection -> {
            assertThat(collection.countDocuments(Filters.eq("year", 2024))).isEqualTo(167);
            assertThat(collection.find(Filters.and(Filters.eq("year", 2025), Filters.lt("n", 10)))
                    .map(d -> d.getString("_id")).into(new ArrayList<>())).containsExactlyInAnyOrder("d2", "d5", "d8");
            collection.insertOne(new Document("_id", "new").append("year", 2026).append("n", 1));
            assertThat(collection.find(Filters.eq("year", 2026)).first()).containsEntry("_id", "new");
        });
    }

    @Test
    void without_retention_a_file_updated_over_and_over_writes_over_its_old_space_and_keeps_the_last_write()
            throws Exception {
        long reusing = sizeAfterUpdates(Duration.ZERO);
        long retaining = sizeAfterUpdates(Duration.ofSeconds(45));
        System.out.printf("file after %d updates: %d bytes without retention, %d with 45 s%n", UPDATES, reusing,
                retaining);
        assertThat(reusing).as("file without retention").isLessThan(retaining / 4);
    }

    private static final int UPDATES = 300;

    /** One document updated {@link #UPDATES} times, each a commit of its own; the file's size while still open. */
    private long sizeAfterUpdates(Duration retention) throws Exception {
        Path file = folder.resolve("retention-" + retention.toMillis() + ".mv");
        String padding = "x".repeat(4000);
        long[] size = new long[1];
        withServer(new DurableH2Backend(file.toString(), retention), collection -> {
            collection.insertOne(new Document("_id", "one").append("n", -1));
            for (int i = 0; i < UPDATES; i++) {
                collection.updateOne(Filters.eq("_id", "one"), new Document("$set",
                        new Document("n", i).append("padding", padding + i)));
            }
            try {
                size[0] = Files.size(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        withServer(file.toString(), collection -> assertThat(collection.find(Filters.eq("_id", "one")).first())
                .as("the last write, reopened").containsEntry("n", UPDATES - 1));
        return size[0];
    }

    private static void withServer(String file, Consumer<MongoCollection<Document>> work) {
        withServer(new DurableH2Backend(file), work);
    }

    private static void withServer(DurableH2Backend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", 0);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
                work.accept(client.getDatabase("db").getCollection("c"));
            }
        } finally {
            server.shutdownNow();
        }
    }
}
