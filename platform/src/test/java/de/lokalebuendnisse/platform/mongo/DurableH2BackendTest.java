package de.lokalebuendnisse.platform.mongo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void the_count_command_with_a_filter_counts_what_a_find_of_that_filter_finds() {
        String file = folder.resolve("stand-in.mv").toString();
        withDatabase(new DurableH2Backend(file), database -> {
            MongoCollection<Document> collection = database.getCollection("c");
            collection.createIndex(Indexes.ascending("position"), new IndexOptions().unique(true));
            List<Document> documents = new ArrayList<>();
            for (long position = 0; position < 2_000; position += 3) {
                documents.add(new Document("_id", "e" + position).append("position", position)
                        .append("year", 2024 + (int) (position % 2)));
            }
            collection.insertMany(documents);
            for (Document filter : List.of(new Document("position", new Document("$lte", 1_000L)),
                    new Document("position", new Document("$in", List.of(0L, 1L, 3L, 4L, 999L))),
                    new Document("year", 2025), new Document("position", new Document("$gt", 5_000L)))) {
                Document counted = database.runCommand(new Document("count", "c").append("query", filter));
                assertThat(counted.get("n", Number.class).longValue()).as("count of %s", filter.toJson())
                        .isEqualTo(collection.find(filter).into(new ArrayList<>()).size());
            }
            assertThat(database.runCommand(new Document("count", "c").append("query",
                    new Document("position", new Document("$lte", 1_000L)))).get("n", Number.class).longValue())
                    .isEqualTo(334);
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

    // --- the background writer's compaction target (lbf.mongo.embedded-compact-fill-rate) ---

    @Test
    void an_idle_file_whose_chunks_are_partly_live_is_rewritten_only_while_below_its_compaction_target()
            throws Exception {
        Path written = folder.resolve("partly-live.mv");
        withServer(new DurableH2Backend(written.toString(), Duration.ZERO), collection -> {
            // one chunk of documents, then one that supersedes the leaves of a third of them (d100 to d199)
            String padding = "x".repeat(2000);
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                documents.add(new Document("_id", "d" + i).append("padding", padding));
            }
            collection.insertMany(documents);
            collection.updateMany(Filters.regex("_id", "^d1[0-9][0-9]$"), Updates.set("padding", padding + "!"));
        });
        Path lenient = Files.copy(written, folder.resolve("lenient.mv"));
        Path strict = Files.copy(written, folder.resolve("strict.mv"));
        int live = chunksFillRate(written);
        assertThat(live).as("live share of the written file's chunks").isBetween(51, 89);

        // the background writer looks once a second: three looks with the lower target; with H2's, until it writes
        long lenientWrites = versionsWrittenWhileIdle(lenient, 50, Duration.ofSeconds(3));
        long strictWrites = versionsWrittenWhileIdle(strict, DurableH2Backend.H2_COMPACT_FILL_RATE,
                Duration.ofSeconds(20));
        System.out.printf("chunks %d %% live; versions written while idle: %d in 3 s with a target of 50, %d with"
                + " 90%n", live, lenientWrites, strictWrites);
        assertThat(lenientWrites).as("chunks above the target of 50 %, left as they are").isZero();
        assertThat(strictWrites).as("chunks below H2's target of 90 %, rewritten").isPositive();
    }

    @Test
    void a_compaction_target_outside_a_percentage_is_refused_naming_the_setting() {
        String file = folder.resolve("refused.mv").toString();
        for (int rate : new int[]{0, 101}) {
            assertThatThrownBy(() -> new DurableH2Backend(file, Duration.ZERO, rate))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lbf.mongo.embedded-compact-fill-rate").hasMessageContaining("" + rate);
        }
    }

    @Test
    void the_page_cache_is_as_large_as_set_and_less_than_a_megabyte_is_refused_naming_the_setting() {
        DurableH2Backend backend = new DurableH2Backend(folder.resolve("cache.mv").toString(), Duration.ZERO, 90, 4);
        try {
            assertThat(backend.getMvStore().getCacheSize()).isEqualTo(4);
        } finally {
            backend.close();
        }
        DurableH2Backend ownDefault = new DurableH2Backend(folder.resolve("default.mv").toString());
        try {
            assertThat(ownDefault.getMvStore().getCacheSize()).as("H2's own").isEqualTo(16);
        } finally {
            ownDefault.close();
        }
        assertThatThrownBy(() -> new DurableH2Backend(folder.resolve("none.mv").toString(), Duration.ZERO, 90, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lbf.mongo.embedded-cache-size").hasMessageContaining("0MB");
        assertThatThrownBy(() -> DurableH2Backend.cacheMegabytes(DataSize.ofKilobytes(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lbf.mongo.embedded-cache-size").hasMessageContaining("1536000B");
        assertThat(DurableH2Backend.cacheMegabytes(DataSize.ofMegabytes(4))).isEqualTo(4);
    }

    private static int chunksFillRate(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return store.getFileStore().getChunksFillRate();
        } finally {
            store.close();
        }
    }

    /**
     * How many versions the file's background writer stored after it was opened with {@code target} and left idle:
     * counted when it first writes, or when {@code idle} has passed.
     */
    private static long versionsWrittenWhileIdle(Path file, int target, Duration idle) throws InterruptedException {
        DurableH2Backend backend = new DurableH2Backend(file.toString(), Duration.ZERO, target);
        try {
            long opened = backend.getMvStore().getCurrentVersion();
            long until = System.nanoTime() + idle.toNanos();
            while (backend.getMvStore().getCurrentVersion() == opened && System.nanoTime() - until < 0) {
                Thread.sleep(50);
            }
            return backend.getMvStore().getCurrentVersion() - opened;
        } finally {
            backend.close();
        }
    }

    // --- the unique indexes checked at every opening (UniqueIndexRepair) ---

    private static final String DOCUMENTS = "databases.db.c";
    private static final String ID_INDEX = "db.c" + IndexKeys.MAP_INFIX + "_id_";
    private static final int STORED = 50;

    private final ListAppender<ILoggingEvent> repairLog = new ListAppender<>();

    @BeforeEach
    void listenToTheRepair() {
        repairLog.start();
        ((Logger) LoggerFactory.getLogger(UniqueIndexRepair.class)).addAppender(repairLog);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(UniqueIndexRepair.class)).detachAppender(repairLog);
    }

    @Test
    void a_document_its_id_index_lost_before_a_kill_is_found_again_and_an_upsert_of_it_leaves_one_document() {
        String file = storedThenKilled();
        plant(file, store -> assertThat(index(store, ID_INDEX).remove(new KeyValue("d7")))
                .isEqualTo("d7"));

        withServer(file, collection -> {
            collection.updateOne(Filters.eq("_id", "d7"), Updates.set("n", 700), new UpdateOptions().upsert(true));
            assertThat(collection.countDocuments()).isEqualTo(STORED);
            assertThat(collection.countDocuments(Filters.eq("_id", "d7"))).isEqualTo(1);
            assertThat(collection.find(Filters.eq("_id", "d7")).first()).containsEntry("n", 700);
        });
        assertThat(warnings()).singleElement().asString()
                .contains("db.c", "index _id_: 1 missing entries added, 0 entries removed");
    }

    @Test
    void an_id_index_entry_pointing_at_no_document_after_a_kill_is_removed_and_the_key_can_be_inserted() {
        String file = storedThenKilled();
        plant(file, store -> index(store, ID_INDEX).put(new KeyValue("ghost"), "ghost"));

        withServer(file, collection -> {
            collection.insertOne(new Document("_id", "ghost").append("n", -1));
            assertThat(collection.countDocuments()).isEqualTo(STORED + 1);
            assertThat(collection.find(Filters.eq("_id", "ghost")).first()).containsEntry("n", -1);
        });
        assertThat(warnings()).singleElement().asString()
                .contains("db.c", "index _id_: 0 missing entries added, 1 entries removed");
    }

    @Test
    void one_entry_missing_and_one_dangling_with_the_counts_equal_are_both_repaired() {
        String file = storedThenKilled();
        plant(file, store -> {
            MVMap<KeyValue, Object> index = index(store, ID_INDEX);
            index.remove(new KeyValue("d7"));
            index.put(new KeyValue("ghost"), "ghost");
            assertThat(index.sizeAsLong()).isEqualTo(store.openMap(DOCUMENTS).sizeAsLong());
        });

        withServer(file, collection -> {
            collection.updateOne(Filters.eq("_id", "d7"), Updates.set("n", 700), new UpdateOptions().upsert(true));
            collection.insertOne(new Document("_id", "ghost").append("n", -1));
            assertThat(collection.countDocuments()).isEqualTo(STORED + 1);
            assertThat(collection.countDocuments(Filters.eq("_id", "d7"))).isEqualTo(1);
            assertThat(collection.find(Filters.eq("_id", "d7")).first()).containsEntry("n", 700);
        });
        assertThat(warnings()).singleElement().asString()
                .contains("index _id_: 1 missing entries added, 1 entries removed");
    }

    @Test
    void a_file_closed_cleanly_is_checked_by_counts_and_a_difference_there_is_repaired_too() {
        String file = folder.resolve("stand-in.mv").toString();
        withServer(file, collection -> collection.insertMany(documents()));
        plant(file, store -> index(store, ID_INDEX).remove(new KeyValue("d7")));

        withServer(file, collection -> {
            collection.updateOne(Filters.eq("_id", "d7"), Updates.set("n", 700), new UpdateOptions().upsert(true));
            assertThat(collection.countDocuments()).isEqualTo(STORED);
        });
        assertThat(warnings()).singleElement().asString().contains("index _id_: 1 missing entries added");
    }

    @Test
    void a_kill_after_a_clean_close_and_a_new_start_is_checked_document_by_document() {
        String file = folder.resolve("stand-in.mv").toString();
        withServer(file, collection -> collection.insertMany(documents()));
        crashAfter(file, collection -> collection.updateOne(Filters.eq("_id", "d1"), Updates.set("n", 100)));
        plant(file, store -> {
            MVMap<KeyValue, Object> index = index(store, ID_INDEX);
            index.remove(new KeyValue("d7"));
            index.put(new KeyValue("ghost"), "ghost");
        });

        withServer(file, collection -> {
            collection.updateOne(Filters.eq("_id", "d7"), Updates.set("n", 700), new UpdateOptions().upsert(true));
            collection.insertOne(new Document("_id", "ghost").append("n", -1));
            assertThat(collection.countDocuments()).isEqualTo(STORED + 1);
        });
        assertThat(warnings()).singleElement().asString()
                .contains("index _id_: 1 missing entries added, 1 entries removed");
    }

    @Test
    void the_file_is_marked_closed_cleanly_only_from_a_clean_close_to_the_next_opening() {
        String file = folder.resolve("stand-in.mv").toString();
        withServer(file, collection -> collection.insertOne(new Document("_id", "one")));
        assertThat(closedCleanlyMark(file)).isTrue();

        DurableH2Backend reopened = new DurableH2Backend(file);
        try {
            assertThat(reopened.getMvStore().<String, Boolean>openMap(DurableH2Backend.CLEAN_CLOSE_MAP)
                    .get(DurableH2Backend.CLOSED_CLEANLY)).isNull();
            assertThat(reopened.getMvStore().hasUnsavedChanges()).as("the mark's removal is in the file").isFalse();
        } finally {
            reopened.getMvStore().closeImmediately();
        }
        assertThat(closedCleanlyMark(file)).as("after a kill").isFalse();
    }

    private static boolean closedCleanlyMark(String file) {
        MVStore store = new MVStore.Builder().fileName(file).readOnly().open();
        try {
            return Boolean.TRUE.equals(store.<String, Boolean>openMap(DurableH2Backend.CLEAN_CLOSE_MAP)
                    .get(DurableH2Backend.CLOSED_CLEANLY));
        } finally {
            store.close();
        }
    }

    @Test
    void a_unique_index_that_lost_an_entry_before_a_kill_refuses_the_duplicate_again() {
        String file = folder.resolve("stand-in.mv").toString();
        crashAfter(file, collection -> {
            collection.insertMany(documents());
            collection.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
        });
        plant(file, store -> assertThat(index(store, "db.c" + IndexKeys.MAP_INFIX + "code_1")
                .remove(new KeyValue("c7"))).isEqualTo("d7"));

        withServer(file, collection -> {
            assertThatThrownBy(() -> collection.insertOne(new Document("_id", "other").append("code", "c7")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThat(collection.countDocuments()).isEqualTo(STORED);
        });
        assertThat(warnings()).singleElement().asString().contains("index code_1: 1 missing entries added");
    }

    @Test
    void a_healthy_file_is_not_rewritten_whether_closed_cleanly_or_killed() {
        String closed = folder.resolve("closed.mv").toString();
        withServer(closed, collection -> collection.insertMany(documents()));
        String killed = storedThenKilled();

        for (String file : List.of(closed, killed)) {
            List<Long> before = rootPages(file);
            withServer(file, collection -> assertThat(collection.find(Filters.eq("_id", "d7")).first())
                    .containsEntry("n", 7));
            assertThat(rootPages(file)).as("documents' and index's root pages of " + file).isEqualTo(before);
        }
        assertThat(warnings()).isEmpty();
    }

    // --- files written before: unique indexes in the stock backend's maps, keys of H2's default type ---

    private static final String FORMER_ID_INDEX = "db.c" + IndexKeys.FORMER_MAP_INFIX + "_id_";
    private static final String FORMER_CODE_INDEX = "db.c" + IndexKeys.FORMER_MAP_INFIX + "code_1";

    @Test
    void a_file_whose_unique_indexes_were_written_before_finds_every_document_and_refuses_every_duplicate() {
        String file = formerFile();

        withServer(file, collection -> {
            assertThat(collection.countDocuments()).isEqualTo(STORED);
            assertThat(collection.find(Filters.eq("_id", "d7")).first()).containsEntry("n", 7);
            assertThat(collection.find(Filters.eq("code", "c8")).first()).containsEntry("_id", "d8");
            assertThatThrownBy(() -> collection.insertOne(new Document("_id", "d7")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> collection.insertOne(new Document("_id", "other").append("code", "c7")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            collection.insertOne(new Document("_id", "new").append("code", "c-new"));
        });

        plant(file, store -> {
            assertThat(store.getMapNames()).doesNotContain(FORMER_ID_INDEX, FORMER_CODE_INDEX);
            assertThat(index(store, ID_INDEX).sizeAsLong()).isEqualTo(STORED + 1);
            assertThat(index(store, "db.c" + IndexKeys.MAP_INFIX + "code_1").sizeAsLong()).isEqualTo(STORED + 1);
        });
        // the opening after the move checked every entry (no clean close was trusted) and found nothing to repair
        assertThat(warnings()).isEmpty();
        withServer(file, collection -> assertThat(collection.countDocuments()).isEqualTo(STORED + 1));
    }

    @Test
    void dropping_a_former_index_first_takes_the_mark_of_a_clean_close_so_a_kill_while_refilling_is_repaired() {
        String file = formerFile();
        plant(file, store -> store.<String, Boolean>openMap(DurableH2Backend.CLEAN_CLOSE_MAP)
                .put(DurableH2Backend.CLOSED_CLEANLY, Boolean.TRUE));

        MVStore store = new MVStore.Builder().fileName(file).open();
        DurableH2Backend.dropFormerIndex(store, FORMER_CODE_INDEX, "db.c" + IndexKeys.MAP_INFIX + "code_1");
        store.closeImmediately(); // killed before the new index is filled

        plant(file, reopened -> {
            assertThat(reopened.getMapNames()).doesNotContain(FORMER_CODE_INDEX).contains(FORMER_ID_INDEX);
            assertThat(reopened.<String, Boolean>openMap(DurableH2Backend.CLEAN_CLOSE_MAP)
                    .get(DurableH2Backend.CLOSED_CLEANLY)).isNull();
        });
    }

    /** {@link #STORED} documents with a unique index on {@code code}, written and closed by the stock backend. */
    private String formerFile() {
        String file = folder.resolve("former.mv").toString();
        withServer(new H2Backend(file), collection -> {
            collection.insertMany(documents());
            collection.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
        });
        plant(file, store -> assertThat(store.getMapNames()).contains(FORMER_ID_INDEX, FORMER_CODE_INDEX));
        return file;
    }

    private static List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < STORED; i++) {
            documents.add(new Document("_id", "d" + i).append("code", "c" + i).append("n", i));
        }
        return documents;
    }

    /** {@link #STORED} documents, each command answered (so in the file), then the process dies. */
    private String storedThenKilled() {
        String file = folder.resolve("killed.mv").toString();
        crashAfter(file, collection -> collection.insertMany(documents()));
        return file;
    }

    /**
     * As a {@code kill -9} after the work: the file holds what the commands stored, and nothing is written at the
     * end (no clean-close mark).
     */
    private static void crashAfter(String file, Consumer<MongoCollection<Document>> work) {
        DurableH2Backend backend = new DurableH2Backend(file);
        withServer(backend, collection -> {
            work.accept(collection);
            backend.getMvStore().closeImmediately();
        });
    }

    /** Changes the closed file directly, as a store between a document and its index entry leaves it. */
    private static void plant(String file, Consumer<MVStore> defect) {
        MVStore store = new MVStore.Builder().fileName(file).open();
        try {
            defect.accept(store);
            store.commit();
        } finally {
            store.close();
        }
    }

    /** A unique index's map of the file, as the backend opens it. */
    private static MVMap<KeyValue, Object> index(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeys()));
    }

    /** Where the collection's documents and its _id index are in the file: they move when either is written. */
    private static List<Long> rootPages(String file) {
        MVStore store = new MVStore.Builder().fileName(file).readOnly().open();
        try {
            return List.of(store.openMap(DOCUMENTS).getRootPage().getPos(),
                    index(store, ID_INDEX).getRootPage().getPos());
        } finally {
            store.close();
        }
    }

    private List<String> warnings() {
        return repairLog.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static void withServer(String file, Consumer<MongoCollection<Document>> work) {
        withServer(new DurableH2Backend(file), work);
    }

    /** The backend behind an in-process server, reached through the real driver (also used by StoredDocumentsTest). */
    static void withServer(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        withDatabase(backend, database -> work.accept(database.getCollection("c")));
    }

    private static void withDatabase(MongoBackend backend, Consumer<MongoDatabase> work) {
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", 0);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
                work.accept(client.getDatabase("db"));
            }
        } finally {
            server.shutdownNow();
        }
    }
}
