package de.lokalebuendnisse.audit.service.chain;

import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.AuditEvents;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.audit.service.chain.ChainReport.Break;
import de.lokalebuendnisse.audit.service.chain.StoredEvents.StoredEvent;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The verifier's walk on its own: stored events and records handed in as lists. */
class ChainVerifierTest {

    private final StoredEvents stored = mock(StoredEvents.class);
    private final ChainRecords records = mock(ChainRecords.class);

    @Test
    void anAnchorSealingEventsOlderThanTheRecentLinksIsCheckedInASecondPass() {
        List<StoredEvent> events = new ArrayList<>(events(1, 6));
        events.add(anchorAt(7, 2, headOf(events, 2), 2));
        events.add(anchorAt(8, 3, "f".repeat(64), 3));
        store(events);
        noRecords();

        ChainReport report = new ChainVerifier(stored, records, Map::of, 2).verify(Duration.ofHours(1), progress -> { });

        assertThat(report.checkedAnchors()).extracting(ChainReport.CheckedAnchor::position,
                        ChainReport.CheckedAnchor::ok)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, true),
                        org.assertj.core.groups.Tuple.tuple(8L, false));
        assertThat(report.checkedAnchors().get(1).detail())
                .contains("give head " + headOf(events, 3) + " over 3 events")
                .contains("after position 2 (the anchor below that holds) and at or before position 3");
        assertThat(report.firstBreak().kind()).isEqualTo(ChainReport.Kind.ANCHOR_MISMATCH);
        assertThat(report.firstBreak().position()).isEqualTo(8);
    }

    @Test
    void anAnchorFoundBeforeTheEventsItSealsIsCheckedOnceTheWalkHasPassedThem() {
        List<StoredEvent> events = new ArrayList<>(events(1, 2));
        List<StoredEvent> later = events(4, 5);
        List<StoredEvent> all = new ArrayList<>(events);
        all.addAll(later);
        events.add(anchorAt(3, 4, headOf(all, 4), 3));
        events.addAll(later);
        store(events);
        noRecords();

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.status()).isEqualTo(ChainReport.Status.INTACT);
        assertThat(report.checkedAnchors()).singleElement().satisfies(anchor -> assertThat(anchor.ok()).isTrue());
        assertThat(report.records()).contains("only the anchors were checked");
        assertThat(report.uncheckedEvents()).as("event 5, after the anchor").isEqualTo(1);
    }

    @Test
    void unreadableRecordsSayHowManyEventsAfterTheLastAnchorWereComparedWithNothing() {
        List<StoredEvent> events = new ArrayList<>(events(1, 2));
        events.add(anchorAt(3, 2, headOf(events, 2), 2));
        events.addAll(events(4, 8));
        store(events);
        when(records.coverage(any())).thenThrow(new IllegalStateException("Java heap space; could not deserialize "
                + "[-84, -19, 0, 5]".repeat(500)));

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        // INTACT says only that nothing differs; the report must not leave the unguarded events unsaid
        assertThat(report.status()).isEqualTo(ChainReport.Status.INTACT);
        assertThat(report.recordsAvailable()).isFalse();
        assertThat(report.uncheckedEvents()).isEqualTo(5);
        assertThat(report.records()).contains("Java heap space",
                "5 events after the last anchor were compared with nothing");
        assertThat(report.records()).as("the reason's start, not the page dump").hasSizeLessThan(400);
    }

    @Test
    void withoutRecordsAndWithoutAnchorsNothingIsConfirmed() {
        store(events(1, 3));
        noRecords();

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.status()).isEqualTo(ChainReport.Status.UNVERIFIED);
        assertThat(report.recordsAvailable()).isFalse();
        assertThat(report.records()).contains("nothing was compared");
        assertThat(report.head()).isEqualTo(headOf(events(1, 3), 3));
    }

    @Test
    void unreadableRecordsLeaveTheAnchorsAndSaySo() {
        store(events(1, 2));
        when(records.coverage(any())).thenThrow(new IllegalStateException("Timed out while waiting for a server"));

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.recordsAvailable()).isFalse();
        assertThat(report.records()).contains("Timed out while waiting for a server", "only the anchors");
    }

    @Test
    void recordsWhoseFirstChunkCannotBeReadLeaveTheAnchorsAndSaySo() {
        List<StoredEvent> events = new ArrayList<>(events(1, 2));
        events.add(anchorAt(3, 2, headOf(events, 2), 2));
        store(events);
        when(records.coverage(any())).thenReturn(Optional.of(new ChainRecords.Coverage(3,
                Collections.emptySortedSet())));
        ChainRecords.CloseableIterator unreadable = mock(ChainRecords.CloseableIterator.class);
        when(unreadable.hasNext()).thenThrow(new IllegalStateException("Unable to read the page at position 0x6"));
        when(records.inOrder(anyLong())).thenReturn(unreadable);

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.status()).isEqualTo(ChainReport.Status.INTACT);
        assertThat(report.recordsAvailable()).isFalse();
        assertThat(report.records()).contains("Unable to read the page", "only the anchors were checked");
        verify(unreadable).close();
    }

    @Test
    void eventsTheProjectionHasNotPassedYetAreNeitherInsertedNorMissing() {
        List<StoredEvent> events = events(1, 6);
        store(events);
        // recorded up to 4 with 3 still a gap (not seen yet); a record at 9 was written after the token was read
        recorded(new ChainRecords.Coverage(4, new TreeSet<>(List.of(3L))),
                record(events.get(0)), record(events.get(1)), record(events.get(3)),
                new ChainRecord(9, "later", "buendnis:x", 0, "0".repeat(64), false));

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.status()).isEqualTo(ChainReport.Status.INTACT);
        assertThat(report.unrecordedEvents()).isEqualTo(3); // 3, 5 and 6
        assertThat(report.uncheckedEvents()).as("no anchor seals them either").isEqualTo(3);
        assertThat(report.recordedUpTo()).isEqualTo(4);
        assertThat(report.records()).contains("3 newer events are not recorded yet");
    }

    @Test
    void listsTheFirstHundredBreaksAndCountsTheRest() {
        List<StoredEvent> events = events(1, 150);
        store(events);
        List<ChainRecord> changed = events.stream().map(event -> new ChainRecord(event.position(),
                event.event().eventId(), event.event().aggregateId(), event.event().sequenceNumber(), "1".repeat(64),
                false)).toList();
        recorded(new ChainRecords.Coverage(150, Collections.emptySortedSet()), changed.toArray(ChainRecord[]::new));

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.breakCount()).isEqualTo(150);
        assertThat(report.breaks()).hasSize(ChainVerifier.MAX_BREAKS);
        assertThat(report.breaks()).extracting(Break::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
    }

    @Test
    void aStoredEventNeverRecordedWhereAnotherWasIsReportedReplaced() {
        List<StoredEvent> events = events(1, 3);
        store(events);
        ChainRecord other = new ChainRecord(2, "the-original", "buendnis:b", 0, "2".repeat(64), false);
        recorded(new ChainRecords.Coverage(3, Collections.emptySortedSet()),
                record(events.get(0)), other, record(events.get(2)));
        when(records.byEventId(anyString())).thenReturn(Optional.empty());

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.breaks()).singleElement().satisfies(found -> {
            assertThat(found.kind()).isEqualTo(ChainReport.Kind.REPLACED);
            assertThat(found.position()).isEqualTo(2);
            assertThat(found.detail()).contains("the-original (buendnis:b #0)");
        });
    }

    @Test
    void reportsProgressWithRateAndTimeLeftAndOnceMoreWhenFinished() {
        store(events(1, 4));
        noRecords();
        List<VerifyProgress> heard = new ArrayList<>();

        verifier().verify(Duration.ZERO, heard::add);

        assertThat(heard).hasSize(5);
        assertThat(heard).extracting(VerifyProgress::eventsDone).containsExactly(1L, 2L, 3L, 4L, 4L);
        assertThat(heard).allSatisfy(progress -> assertThat(progress.eventsTotal()).isEqualTo(4));
        assertThat(heard.get(3).secondsLeft()).isZero();
        assertThat(heard.get(4).finished()).isTrue();
        assertThat(heard.get(4).line()).startsWith("verify: 4 of 4 events (").endsWith(" events/s, done)");
    }

    @Test
    void theRecordsAreCompleteOnlyWhereEverySegmentHasPassed() {
        ChainRecords.Coverage coverage = ChainRecords.Coverage.of(List.of(
                new GapAwareTrackingToken(9, List.of(4L)),
                ReplayToken.createReplayToken(new GapAwareTrackingToken(12, List.of()),
                        new GapAwareTrackingToken(7, List.of(6L)))));

        assertThat(coverage.index()).isEqualTo(7);
        assertThat(coverage.gaps()).containsExactly(4L, 6L);
        assertThat(LongStream.rangeClosed(1, 10).filter(coverage::covers).boxed().toList())
                .containsExactly(1L, 2L, 3L, 5L, 7L);
        assertThat(ChainRecords.Coverage.of(Arrays.asList(new GapAwareTrackingToken(9, List.of()), null)).index())
                .as("a segment that has not passed anything yet").isEqualTo(-1);
    }

    // --- the caller's identity in the chain (form v2) ----------------------------------------------------------

    @Test
    void strippingTheSubjectFromAStoredEventIsFoundAtThatEventAndByTheAnchorAfterIt() {
        List<StoredEvent> asWritten = new ArrayList<>(withIdentity(events(1, 4), AuditEvents.ANNA));
        asWritten.add(anchorAt(5, 4, headOf(asWritten, 4), 4, AuditChain.FORM_V2));
        List<StoredEvent> tampered = new ArrayList<>(asWritten);
        tampered.set(2, withMetadata(asWritten.get(2), without(asWritten.get(2), "callerSubject")));
        store(tampered);
        recorded(new ChainRecords.Coverage(5, Collections.emptySortedSet()), asWritten.stream()
                .map(ChainVerifierTest::recordAsArrived).toArray(ChainRecord[]::new));

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.status()).isEqualTo(ChainReport.Status.BROKEN);
        assertThat(report.firstBreak().position()).isEqualTo(3);
        assertThat(report.firstBreak().kind()).isEqualTo(ChainReport.Kind.CHANGED);
        assertThat(report.breaks()).extracting(Break::position, Break::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L, ChainReport.Kind.CHANGED),
                org.assertj.core.groups.Tuple.tuple(5L, ChainReport.Kind.ANCHOR_MISMATCH));
    }

    @Test
    void aChangedRoleIsFoundByTheAnchorAloneWhenThereAreNoRecords() {
        List<StoredEvent> asWritten = new ArrayList<>(withIdentity(events(1, 2), AuditEvents.CRM));
        asWritten.add(anchorAt(3, 2, headOf(asWritten, 2), 2, AuditChain.FORM_V2));
        asWritten.addAll(withIdentity(events(4, 5), AuditEvents.ANNA));
        asWritten.add(anchorAt(6, 5, headOf(asWritten, 5), 4, AuditChain.FORM_V2));
        List<StoredEvent> tampered = new ArrayList<>(asWritten);
        Map<String, String> promoted = new HashMap<>(asWritten.get(3).event().metaData());
        promoted.put("callerRole", "admin");
        tampered.set(3, withMetadata(asWritten.get(3), promoted));
        store(tampered);
        noRecords();

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.status()).isEqualTo(ChainReport.Status.BROKEN);
        assertThat(report.checkedAnchors()).extracting(ChainReport.CheckedAnchor::position,
                        ChainReport.CheckedAnchor::ok)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, true),
                        org.assertj.core.groups.Tuple.tuple(6L, false));
        assertThat(report.checkedAnchors().get(1).detail())
                .contains("after position 2 (the anchor below that holds) and at or before position 5");
    }

    @Test
    void aMixedChainOfOldAndNewEventsVerifiesAndTheV1AnchorOverTheOldPartStillChecks() {
        List<StoredEvent> stored = new ArrayList<>(events(1, 3)); // before tokens: a self-declared caller only
        // the v1 anchor as the code before form v2 recorded it
        stored.add(anchorAt(4, 3, V1_HEAD_OF_THREE_OLD_EVENTS, 3, "lbf-audit-chain-v1"));
        stored.addAll(withIdentity(events(5, 6), AuditEvents.ANNA));
        stored.addAll(withIdentity(events(7, 7), AuditEvents.PRUEFERIN));
        stored.add(anchorAt(8, 7, headOf(stored, 7), 6, "lbf-audit-chain-v2"));
        store(stored);
        recorded(new ChainRecords.Coverage(8, Collections.emptySortedSet()), stored.stream()
                .map(ChainVerifierTest::recordAsArrived).toArray(ChainRecord[]::new));

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.status()).isEqualTo(ChainReport.Status.INTACT);
        assertThat(report.breakCount()).isZero();
        assertThat(report.checkedAnchors()).extracting(ChainReport.CheckedAnchor::position,
                        ChainReport.CheckedAnchor::ok)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, true),
                        org.assertj.core.groups.Tuple.tuple(8L, true));
        assertThat(report.chainedEvents()).isEqualTo(6);
    }

    /**
     * The head over {@code events(1, 3)} (caller {@code crm} only) in form v1, computed outside Java from the
     * documented v1 text of each event ({@code printf '%s\n' lbf-audit-chain-v1 'previous:"…"' … | sha256sum}, three
     * times): what a v1 anchor recorded before form v2 existed holds.
     */
    private static final String V1_HEAD_OF_THREE_OLD_EVENTS =
            "d45d25515422554ca785b0517d6efdfce904daecd730092782f7b41280065954";

    @Test
    void anAnchorOfAnUnknownFormIsNotTakenForAKnownOne() {
        List<StoredEvent> events = new ArrayList<>(events(1, 2));
        events.add(anchorAt(3, 2, headOf(events, 2), 2, "lbf-audit-chain-v3"));
        store(events);
        noRecords();

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.status()).isEqualTo(ChainReport.Status.BROKEN);
        assertThat(report.checkedAnchors()).singleElement().satisfies(anchor -> {
            assertThat(anchor.ok()).isFalse();
            assertThat(anchor.detail()).contains("its form lbf-audit-chain-v3 is none of lbf-audit-chain-v1, "
                    + "lbf-audit-chain-v2");
        });
    }

    // --- fixtures -----------------------------------------------------------------------------------------------

    /** What the audit-chain projection records of any stored event, anchors included. */
    private static ChainRecord recordAsArrived(StoredEvent event) {
        return new ChainRecord(event.position(), event.event().eventId(), event.event().aggregateId(),
                event.event().sequenceNumber(), AuditChain.link(AuditChain.GENESIS, event.event()),
                !AuditChain.covers(event.event().payloadType()));
    }

    /** The events as caused with a verified access token of {@code caller}. */
    private static List<StoredEvent> withIdentity(List<StoredEvent> events, AuditEvents.Caller caller) {
        return events.stream().map(event -> withMetadata(event, caller.metaData())).toList();
    }

    private static StoredEvent withMetadata(StoredEvent event, Map<String, String> metaData) {
        ChainedEvent e = event.event();
        return new StoredEvent(event.position(), new ChainedEvent(e.eventId(), e.aggregateId(), e.sequenceNumber(),
                e.payloadType(), e.payloadRevision(), e.payload(), Map.copyOf(metaData), e.timestamp()));
    }

    private static Map<String, String> without(StoredEvent event, String key) {
        Map<String, String> rest = new HashMap<>(event.event().metaData());
        rest.remove(key);
        return rest;
    }

    private ChainVerifier verifier() {
        return new ChainVerifier(stored, records, Map::of, ChainVerifier.RECENT_LINKS);
    }

    private void store(List<StoredEvent> events) {
        when(stored.headPosition()).thenReturn(events.get(events.size() - 1).position());
        when(stored.inOrder(anyLong())).thenAnswer(invocation -> events.stream()
                .filter(event -> event.position() <= invocation.<Long>getArgument(0)));
    }

    private void noRecords() {
        when(records.coverage(any())).thenReturn(Optional.empty());
    }

    private void recorded(ChainRecords.Coverage coverage, ChainRecord... recorded) {
        when(records.coverage(any())).thenReturn(Optional.of(coverage));
        when(records.inOrder(anyLong())).thenAnswer(invocation -> {
            long upTo = invocation.getArgument(0);
            Iterator<ChainRecord> iterator = Arrays.stream(recorded).filter(record -> record.position() <= upTo)
                    .iterator();
            return new ChainRecords.CloseableIterator() {
                @Override
                public boolean hasNext() {
                    return iterator.hasNext();
                }

                @Override
                public ChainRecord next() {
                    return iterator.next();
                }

                @Override
                public void close() {
                }
            };
        });
    }

    private static ChainRecord record(StoredEvent event) {
        return new ChainRecord(event.position(), event.event().eventId(), event.event().aggregateId(),
                event.event().sequenceNumber(), AuditChain.link(AuditChain.GENESIS, event.event()), false);
    }

    private static List<StoredEvent> events(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(position -> new StoredEvent(position, new ChainedEvent(
                "e-" + position, "buendnis:b" + position, 0, "de.lokalebuendnisse.kernel.buendnis.BuendnisResumed",
                "1", "{\"buendnisId\":\"b" + position + "\"}", Map.of("caller", "crm"),
                Instant.parse("2024-05-02T08:00:00Z").plusSeconds(position)))).toList();
    }

    private static StoredEvent anchorAt(long position, long lastPosition, String head, long chainedEvents) {
        return anchorAt(position, lastPosition, head, chainedEvents, AuditChain.FORM);
    }

    private static StoredEvent anchorAt(long position, long lastPosition, String head, long chainedEvents,
                                        String form) {
        return new StoredEvent(position, new ChainedEvent("anchor-" + position, "audit-chain:PERIOD:2024/25",
                position, AuditChain.ANCHOR_TYPE, "1", ChainFixtures.anchorJson("PERIOD", "2024/25", form,
                lastPosition, "e-" + lastPosition, chainedEvents, head), Map.of(),
                Instant.parse("2025-01-01T00:00:00Z")));
    }

    private static String headOf(List<StoredEvent> events, long upTo) {
        String link = AuditChain.GENESIS;
        for (StoredEvent event : events) {
            if (event.position() <= upTo && AuditChain.covers(event.event().payloadType())) {
                link = AuditChain.link(link, event.event());
            }
        }
        return link;
    }
}
