package de.lokalebuendnisse.audit.service.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.lokalebuendnisse.audit.service.history.AuditDocuments;
import de.lokalebuendnisse.audit.service.history.AuditHistoryProjection;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.testing.ProjectionHarness;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live history read by position in chunks gives each year's entries in position order, as one sorted query of
 * the year did, and never more than the head; the projection declares the unique index it reads by.
 */
class MongoLiveHistoryTest {

    private final ProjectionHarness harness = new ProjectionHarness();
    private final MongoCollection<Document> entries = harness.database().getCollection(AuditDocuments.COLLECTION);

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void eachYearsEntriesComeInPositionOrderAcrossChunksUpToTheHead() {
        entries.createIndex(Indexes.ascending(AuditDocuments.POSITION), new IndexOptions().unique(true));
        Random random = new Random(5);
        List<AuditEntry> written = new ArrayList<>();
        for (long position = 0; position < 1_000; position++) {
            if (random.nextInt(10) == 0) {
                continue; // a gap: a position without an entry
            }
            // years interleaved, as late amendments and renewals list events under an earlier year
            int year = random.nextInt(4) == 0 ? 2024 : position < 500 ? 2025 : 2026;
            AuditEntry entry = entry(position);
            written.add(entry);
            entries.insertOne(AuditDocuments.toDocument(year, entry));
        }
        // inserted out of order, as several segments would write them
        entries.insertOne(AuditDocuments.toDocument(2025, entry(1_500)));
        long head = 1_200;
        MongoLiveHistory live = new MongoLiveHistory(harness.database(), h -> null, 64);

        assertThat(live.years(head)).containsExactly(2024, 2025, 2026);
        List<Long> read = new ArrayList<>();
        for (int year : live.years(head)) {
            try (Stream<AuditEntry> ofYear = live.entries(year, head)) {
                List<AuditEntry> list = ofYear.toList();
                assertThat(list).as("year %d in position order", year)
                        .isSortedAccordingTo((a, b) -> Long.compare(a.position(), b.position()));
                list.forEach(e -> read.add(e.position()));
            }
        }
        assertThat(read).as("every entry up to the head, once").containsExactlyInAnyOrderElementsOf(
                written.stream().map(AuditEntry::position).toList());
        try (Stream<AuditEntry> first = live.entries(2025, head)) {
            assertThat(first.findFirst()).get().isEqualTo(written.stream()
                    .filter(e -> entries.find(new Document(AuditDocuments.POSITION, e.position())).first()
                            .getInteger(AuditDocuments.YEAR) == 2025).findFirst().orElseThrow());
        }
    }

    @Test
    void theProjectionDeclaresTheUniqueIndexOnPosition() {
        new AuditHistoryProjection(harness.database(), OwnPositions.ofAxonServer(), () -> -1L);

        List<Document> indexes = entries.listIndexes().into(new ArrayList<>());
        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.get("key", Document.class)).isEqualTo(new Document(AuditDocuments.POSITION, 1));
            assertThat(index.getBoolean("unique")).isTrue();
        });
    }

    private static AuditEntry entry(long position) {
        return new AuditEntry("e-" + position, position, Instant.parse("2024-11-22T09:15:00Z"), "SealGranted", "1",
                "seal-award:2024/25", 3, "hamm", "2024/25", 2024, "crm", null, null, null, "c-1", "m-1", null, null);
    }
}
