package de.lokalebuendnisse.audit.service.replay;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.lokalebuendnisse.audit.service.history.AuditDocuments;
import de.lokalebuendnisse.audit.trail.entry.AuditDigest;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay's writer, which inserts a kept replay on a thread of its own while the replay reads on. */
class ReplayBatchWriterTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> rebuilt;
    private RebuiltHistory compared;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bind().getHostString() + ":"
                + server.getLocalAddress().getPort());
        rebuilt = client.getDatabase("lbf-audit-replay-test").getCollection(AuditDocuments.COLLECTION);
        compared = new RebuiltHistory("test");
    }

    @AfterEach
    void stop() {
        compared.close();
        client.close();
        server.shutdownNow();
    }

    private static AuditEntry entry(long position) {
        return new AuditEntry("event-" + position, position, Instant.parse("2024-03-01T10:00:00Z").plusSeconds(position),
                "BuendnisPaused", null, "buendnis-" + position % 7, position, "buendnis-" + position % 7, null, null,
                "Erika Muster", "subject-1", "staff-ui", "STAFF", "correlation-" + position, null, null,
                "Pausiert (Position " + position + ")");
    }

    @Test
    void everyEntryOfManyBatchesIsInTheDatabaseOnceFlushed() {
        // more than the batches in flight, and a last batch that is not full
        int count = AuditReplay.BATCH * (AuditReplay.BatchWriter.BATCHES_IN_FLIGHT + 3) + 17;
        AuditDigest expected = new AuditDigest();
        try (AuditReplay.BatchWriter writer = new AuditReplay.BatchWriter(rebuilt, compared)) {
            for (long position = 0; position < count; position++) {
                int year = position < count / 2 ? 2024 : 2025;
                writer.write(year, entry(position));
                expected.add(year, AuditDocuments.toEntry(AuditDocuments.toDocument(year, entry(position))));
            }
            writer.flush();

            List<Long> positions = rebuilt.find().sort(Sorts.ascending(AuditDocuments.POSITION))
                    .map(document -> AuditDocuments.toEntry(document).position()).into(new ArrayList<>());
            assertThat(positions).hasSize(count);
            assertThat(positions).doesNotHaveDuplicates();
            assertThat(positions.get(count - 1)).isEqualTo(count - 1);
            assertThat(writer.digest().entries()).isEqualTo(count);
            assertThat(writer.digest().value()).isEqualTo(expected.value());
            assertThat(writer.yearDigests()).containsOnlyKeys(2024, 2025);
        }
    }

    @Test
    void withoutADatabaseEveryEntryStillGoesToTheComparisonAndIsDigested() {
        try (AuditReplay.BatchWriter writer = new AuditReplay.BatchWriter(null, compared)) {
            for (long position = 0; position < AuditReplay.BATCH + 5; position++) {
                writer.write(2024, entry(position));
            }
            writer.flush();
            compared.finish();

            assertThat(writer.digest().entries()).isEqualTo(AuditReplay.BATCH + 5);
            try (var entries = compared.entries(2024)) {
                assertThat(entries.map(AuditEntry::position).toList()).hasSize(AuditReplay.BATCH + 5);
            }
        }
        assertThat(client.listDatabaseNames().into(new ArrayList<>())).doesNotContain("lbf-audit-replay-test");
    }

    @Test
    void anInsertThatFailsFailsTheReplay() {
        // an entry already there: the ordered insert of its batch is refused (duplicate key)
        rebuilt.insertOne(AuditDocuments.toDocument(2024, entry(5)));
        try (AuditReplay.BatchWriter writer = new AuditReplay.BatchWriter(rebuilt, compared)) {
            assertThatThrownBy(() -> {
                for (long position = 0; position < AuditReplay.BATCH * 4L; position++) {
                    writer.write(2024, entry(position));
                }
                writer.flush();
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("writing the rebuilt history failed");
        }
    }

    @Test
    void entriesOutOfPositionOrderAreRefused() {
        try (AuditReplay.BatchWriter writer = new AuditReplay.BatchWriter(rebuilt, compared)) {
            writer.write(2024, entry(3));
            assertThatThrownBy(() -> writer.write(2024, entry(3))).isInstanceOf(IllegalStateException.class);
        }
    }
}
