package de.lokalebuendnisse.audit.service.replay;

import de.lokalebuendnisse.audit.service.history.AuditDocuments;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparison's quick pass over several chunks of positions, whose live entries are read one chunk ahead on a
 * thread of their own: an equal history is confirmed by position alone, and a difference in any chunk, also in the
 * one read ahead last, hands over to the merge, which lists it.
 */
class HistoryComparisonTest {

    /** Three chunks and a part of one in 2024, the rest in 2025. */
    private static final int ENTRIES_2024 = 3 * HistoryComparison.QUICK_CHUNK + 40;
    private static final int ENTRIES_2025 = 30;

    private final TreeMap<Long, LiveHistory.Listed> liveEntries = new TreeMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger yearReads = new AtomicInteger();
    private RebuiltHistory rebuilt;
    private final SortedSet<Integer> years = new TreeSet<>(List.of(2024, 2025));

    private static AuditEntry entry(long position, String reason) {
        return new AuditEntry("event-" + position, position, Instant.parse("2024-03-01T10:00:00.123Z").plusSeconds(position),
                "BuendnisPaused", "1", "buendnis-" + position, 0, "buendnis-" + position, null, null, "crm",
                "subject-1", "crm-client", "service", "correlation-" + position, null, null, reason);
    }

    @BeforeEach
    void bothSidesHoldTheSameHistory() {
        rebuilt = new RebuiltHistory("20261207T050000-test");
        for (long position = 1; position <= ENTRIES_2024 + ENTRIES_2025; position++) {
            int year = position <= ENTRIES_2024 ? 2024 : 2025;
            // every position but the tenth has an entry, as most events of a store have none in the history's years
            long at = position * 10 + 1;
            AuditEntry entry = entry(at, "Grund " + position);
            rebuilt.add(year, AuditDocuments.toDocument(year, entry));
            liveEntries.put(at, new LiveHistory.Listed(year, AuditDocuments.toEntry(AuditDocuments.toDocument(year, entry))));
        }
        rebuilt.finish();
    }

    @AfterEach
    void removeTheRebuiltFiles() {
        rebuilt.close();
    }

    @Test
    void anEqualHistoryOverSeveralChunksIsConfirmedByPositionAlone() {
        ReplayReport.Comparison comparison = HistoryComparison.compare(rebuilt, years, live(), head());

        assertThat(comparison.compared()).isTrue();
        assertThat(comparison.liveEntries()).isEqualTo(ENTRIES_2024 + ENTRIES_2025);
        assertThat(comparison.differencesTotal()).isZero();
        assertThat(lookups.get()).as("one look-up per chunk: four in 2024, one in 2025").isEqualTo(5);
        assertThat(yearReads.get()).as("not merged year by year").isZero();
    }

    @Test
    void aDifferenceInTheLastChunkReadAheadIsFoundAndListedByTheMerge() {
        long position = lastLivePositionOf2024();
        alterReason(position, "geändert");

        ReplayReport.Comparison comparison = HistoryComparison.compare(rebuilt, years, live(), head());

        assertThat(yearReads.get()).as("merged year by year").isPositive();
        assertThat(comparison.differencesTotal()).isEqualTo(1);
        assertThat(comparison.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo(ReplayReport.Difference.FIELD);
            assertThat(difference.position()).isEqualTo(position);
            assertThat(difference.field()).isEqualTo("reason");
            assertThat(difference.live()).isEqualTo("geändert");
        });
    }

    @Test
    void aLiveEntryMissingInAMiddleChunkIsListedAsMissing() {
        long position = liveEntries.keySet().stream().skip(HistoryComparison.QUICK_CHUNK + 7).findFirst().orElseThrow();
        liveEntries.remove(position);

        ReplayReport.Comparison comparison = HistoryComparison.compare(rebuilt, years, live(), head());

        assertThat(comparison.liveEntries()).isEqualTo(ENTRIES_2024 + ENTRIES_2025 - 1);
        assertThat(comparison.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo(ReplayReport.Difference.MISSING_IN_LIVE);
            assertThat(difference.position()).isEqualTo(position);
        });
    }

    private long lastLivePositionOf2024() {
        return liveEntries.values().stream().filter(listed -> listed.year() == 2024)
                .mapToLong(listed -> listed.entry().position()).max().orElseThrow();
    }

    private void alterReason(long position, String reason) {
        AuditEntry was = liveEntries.get(position).entry();
        AuditEntry altered = new AuditEntry(was.eventId(), was.position(), was.timestamp(), was.eventType(),
                was.eventRevision(), was.aggregateId(), was.sequenceNumber(), was.buendnisId(), was.period(),
                was.campaignYear(), was.caller(), was.callerSubject(), was.callerClient(), was.callerRole(),
                was.correlationId(), was.causationId(), was.process(), reason);
        liveEntries.put(position, new LiveHistory.Listed(liveEntries.get(position).year(), altered));
    }

    private long head() {
        return liveEntries.lastKey() + 5;
    }

    /** The live history as the MongoDB one answers, held in a map; counts its look-ups and its reads by year. */
    private LiveHistory live() {
        return new LiveHistory() {
            @Override
            public String source() {
                return "test";
            }

            @Override
            public String awaitCovering(long head) {
                return null;
            }

            @Override
            public SortedSet<Integer> years(long head) {
                TreeSet<Integer> held = new TreeSet<>();
                liveEntries.headMap(head, true).values().forEach(listed -> held.add(listed.year()));
                return held;
            }

            @Override
            public Stream<AuditEntry> entries(int year, long head) {
                yearReads.incrementAndGet();
                return liveEntries.headMap(head, true).values().stream().filter(listed -> listed.year() == year)
                        .map(LiveHistory.Listed::entry);
            }

            @Override
            public Optional<ByPosition> byPosition() {
                return Optional.of(new ByPosition() {
                    @Override
                    public List<Listed> at(Collection<Long> positions) {
                        lookups.incrementAndGet();
                        return positions.stream().map(liveEntries::get).filter(listed -> listed != null).toList();
                    }

                    @Override
                    public long countUpTo(long head) {
                        return liveEntries.headMap(head, true).size();
                    }
                });
            }
        };
    }
}
