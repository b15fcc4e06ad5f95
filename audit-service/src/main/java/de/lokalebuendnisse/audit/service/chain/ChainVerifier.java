package de.lokalebuendnisse.audit.service.chain;

import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.audit.trail.chain.ChainHead;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.audit.service.chain.ChainReport.Break;
import de.lokalebuendnisse.audit.service.chain.ChainReport.CheckedAnchor;
import de.lokalebuendnisse.audit.service.chain.ChainReport.Kind;
import de.lokalebuendnisse.audit.service.chain.StoredEvents.StoredEvent;
import de.lokalebuendnisse.audit.service.config.AuditProjections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Recomputes the audit chain from the stored events and compares it with what was recorded and anchored.
 * <ul>
 * <li>With the fingerprint records of the {@code audit-chain} projection, position by position: that locates every
 * change made after the projection had seen an event: changed content, deleted events, inserted ones, events moved
 * to other positions.</li>
 * <li>With every anchor in the store: the chain up to the anchor's last position must give its head and count. An
 * anchor of form {@code lbf-audit-chain-v1} (recorded before the caller's identity was chained) is checked like one
 * of form {@code lbf-audit-chain-v2}: over events without identity both give the same head. An
 * anchor only says that something at or before that position changed, not where; it is what is left where the
 * records are not (on the command line without the service's database, or after a rebuild of the records).</li>
 * </ul>
 * One pass over the store, memory flat: the records are walked beside the events, both in position order, and the
 * links of the most recent events are kept to check an anchor that follows the events it seals. An anchor sealing
 * events further back than that costs a second pass up to its last position.
 */
@Component
public class ChainVerifier {

    /** Breaks listed in a report; more are counted only. */
    public static final int MAX_BREAKS = 100;
    /** Recent links kept to check an anchor without a second pass. */
    static final int RECENT_LINKS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(ChainVerifier.class);

    /** How much of the reason the records could not be read the report keeps. */
    private static final int MAX_REASON = 200;

    private final StoredEvents stored;
    private final ChainRecords records;
    private final Supplier<Map<Integer, TrackingToken>> liveSegments;
    private final int recentLinks;

    @Autowired
    public ChainVerifier(StoredEvents stored, ChainRecords records, EventProcessingConfiguration processing) {
        this(stored, records, () -> liveSegments(processing), RECENT_LINKS);
    }

    ChainVerifier(StoredEvents stored, ChainRecords records, Supplier<Map<Integer, TrackingToken>> liveSegments,
                  int recentLinks) {
        this.stored = stored;
        this.records = records;
        this.liveSegments = liveSegments;
        this.recentLinks = recentLinks;
    }

    /** The positions of the segments of the audit-chain projection this process runs; none on the command line. */
    private static Map<Integer, TrackingToken> liveSegments(EventProcessingConfiguration processing) {
        Map<Integer, TrackingToken> positions = new HashMap<>();
        processing.eventProcessor(AuditProjections.AUDIT_CHAIN, StreamingEventProcessor.class)
                .ifPresent(processor -> processor.processingStatus().forEach((segment, status) -> {
                    if (!status.isErrorState()) {
                        positions.put(segment, status.getTrackingToken());
                    }
                }));
        return positions;
    }

    /**
     * Verifies the whole stored history.
     *
     * @param progressEvery how often {@code progress} hears how far it has come; it also hears once at the end
     */
    public ChainReport verify(Duration progressEvery, Consumer<VerifyProgress> progress) {
        long head = stored.headPosition();
        Walk walk = new Walk(openRecords(head));
        Progress meter = new Progress(head, progressEvery, progress);
        try (Stream<StoredEvent> events = stored.inOrder(head)) {
            events.forEach(event -> {
                walk.accept(event);
                meter.passed(event.position(), walk.eventsChecked);
            });
            walk.finish();
        } finally {
            walk.recordsSeen.close();
        }
        if (!walk.deferred.isEmpty()) {
            log.info("Verifying the audit chain: a second pass for {} anchors sealing events further back than the "
                    + "last {} links", walk.deferred.size(), recentLinks);
            secondPass(walk, head);
        }
        meter.finished(walk.eventsChecked);
        return walk.report();
    }

    /**
     * The records and how far they reach, or why they cannot be used. They are read up to the walk's last event or
     * the coverage, whichever is further: beyond both a record is neither compared nor reported missing.
     */
    private RecordsSeen openRecords(long head) {
        try {
            Optional<ChainRecords.Coverage> coverage = records.coverage(liveSegments.get());
            if (coverage.isEmpty()) {
                return RecordsSeen.unavailable("not available: the audit-chain projection never ran on this "
                        + "database (no tracking token for it), so only the anchors were checked");
            }
            ChainRecords.CloseableIterator inOrder = records.inOrder(Math.max(head, coverage.get().index()));
            try {
                // the first chunk is read here, so that records that cannot be read at all leave the anchors
                inOrder.hasNext();
            } catch (RuntimeException e) {
                inOrder.close();
                throw e;
            }
            return new RecordsSeen(coverage.get(), inOrder, null);
        } catch (RuntimeException e) {
            log.warn("Cannot read the fingerprint records of the audit chain: {}", e.toString());
            // the stand-in's messages can carry a dump of the page it could not read: the report keeps their start
            String why = String.valueOf(e.getMessage());
            if (why.length() > MAX_REASON) {
                why = why.substring(0, MAX_REASON) + "…";
            }
            return RecordsSeen.unavailable("not available (" + e.getClass().getSimpleName() + ": " + why
                    + "), so only the anchors were checked");
        }
    }

    /** Recomputes the chain from the start up to the anchors that lay too far back for the recent links. */
    private void secondPass(Walk walk, long head) {
        PriorityQueue<Anchor> waiting = new PriorityQueue<>(Comparator.comparingLong(Anchor::lastPosition));
        waiting.addAll(walk.deferred);
        ChainHead state = ChainHead.START;
        try (Stream<StoredEvent> events = stored.inOrder(head)) {
            Iterator<StoredEvent> iterator = events.iterator();
            while (!waiting.isEmpty() && iterator.hasNext()) {
                StoredEvent event = iterator.next();
                while (!waiting.isEmpty() && waiting.peek().lastPosition() < event.position()) {
                    walk.resolve(waiting.poll(), state);
                }
                if (AuditChain.covers(event.event().payloadType())) {
                    state = state.next(event.position(), event.event());
                }
            }
        }
        while (!waiting.isEmpty()) {
            walk.resolve(waiting.poll(), state);
        }
    }

    /** The records walked beside the stored events; {@code unavailable} says why there are none. */
    private record RecordsSeen(ChainRecords.Coverage coverage, ChainRecords.CloseableIterator iterator,
                               String unavailable) {

        static RecordsSeen unavailable(String why) {
            return new RecordsSeen(null, null, why);
        }

        boolean available() {
            return unavailable == null;
        }

        void close() {
            if (iterator != null) {
                iterator.close();
            }
        }
    }

    /** The state of one verification as it walks the store. */
    private final class Walk {

        private final RecordsSeen recordsSeen;
        private ChainRecord nextRecord;
        private ChainHead state = ChainHead.START;
        private final Deque<ChainHead> recent = new ArrayDeque<>();
        private boolean recentTrimmed;
        private final PriorityQueue<Anchor> ahead = new PriorityQueue<>(
                Comparator.comparingLong(Anchor::lastPosition));
        private final List<Anchor> deferred = new ArrayList<>();
        private final List<AnchorResult> anchors = new ArrayList<>();
        private final List<Break> breaks = new ArrayList<>();
        private long breakCount;
        private long eventsChecked;
        private long unrecorded;

        Walk(RecordsSeen recordsSeen) {
            this.recordsSeen = recordsSeen;
            this.nextRecord = recordsSeen.available() ? nextRecord() : null;
        }

        void accept(StoredEvent event) {
            eventsChecked++;
            long position = event.position();
            // anchors sealing up to a position before this event see the chain as it is now
            while (!ahead.isEmpty() && ahead.peek().lastPosition() < position) {
                resolve(ahead.poll(), state);
            }
            if (recordsSeen.available()) {
                compareWithRecords(event);
            }
            if (AuditChain.covers(event.event().payloadType())) {
                state = state.next(event.position(), event.event());
                recent.addLast(state);
                if (recent.size() > recentLinks) {
                    recent.removeFirst();
                    recentTrimmed = true;
                }
            } else {
                anchor(Anchor.of(position, event.event()));
            }
        }

        void finish() {
            while (nextRecord != null) {
                if (recordsSeen.coverage().covers(nextRecord.position())) {
                    missing(nextRecord);
                }
                nextRecord = nextRecord();
            }
            while (!ahead.isEmpty()) {
                resolve(ahead.poll(), state);
            }
        }

        // --- the records ----------------------------------------------------------------------------------------

        private void compareWithRecords(StoredEvent event) {
            long position = event.position();
            ChainRecords.Coverage coverage = recordsSeen.coverage();
            while (nextRecord != null && nextRecord.position() < position) {
                // a record beyond the coverage may be of an event stored after this walk started: not a deletion
                if (coverage.covers(nextRecord.position())) {
                    missing(nextRecord);
                }
                nextRecord = nextRecord();
            }
            String fingerprint = AuditChain.link(AuditChain.GENESIS, event.event());
            if (nextRecord != null && nextRecord.position() == position) {
                ChainRecord recorded = nextRecord;
                nextRecord = nextRecord();
                compare(event, fingerprint, recorded);
            } else if (coverage.covers(position)) {
                unrecorded(event, fingerprint);
            } else {
                unrecorded++;
            }
        }

        private void compare(StoredEvent event, String fingerprint, ChainRecord recorded) {
            ChainedEvent stored = event.event();
            if (stored.eventId().equals(recorded.eventId())) {
                if (!fingerprint.equals(recorded.fingerprint())) {
                    boolean identity = !(String.valueOf(stored.aggregateId()).equals(
                            String.valueOf(recorded.aggregateId()))
                            && stored.sequenceNumber() == recorded.sequenceNumber());
                    addBreak(event, Kind.CHANGED, "stored content differs from what was recorded when the event "
                            + "arrived" + (identity ? " (recorded as " + name(recorded) + ")" : "")
                            + "; fingerprint " + fingerprint + ", recorded " + recorded.fingerprint());
                }
                return;
            }
            if (listFull()) {
                breakCount++;
                return;
            }
            Optional<ChainRecord> elsewhere = records.byEventId(stored.eventId());
            if (elsewhere.isPresent()) {
                addBreak(event, Kind.MOVED, moved(elsewhere.get(), fingerprint) + "; recorded at this position was "
                        + recorded.eventId() + " (" + name(recorded) + ")");
            } else {
                addBreak(event, Kind.REPLACED, "never recorded; recorded at this position was "
                        + recorded.eventId() + " (" + name(recorded) + "), which is no longer stored here");
            }
        }

        private void unrecorded(StoredEvent event, String fingerprint) {
            if (listFull()) {
                breakCount++;
                return;
            }
            Optional<ChainRecord> elsewhere = records.byEventId(event.event().eventId());
            if (elsewhere.isPresent()) {
                addBreak(event, Kind.MOVED, moved(elsewhere.get(), fingerprint)
                        + "; nothing was recorded at this position");
            } else {
                addBreak(event, Kind.INSERTED, "never recorded, although the audit-chain projection has passed "
                        + "this position: written to the store behind the service's back (or the projection could "
                        + "not record it: see its dead letters)");
            }
        }

        private String moved(ChainRecord recorded, String fingerprint) {
            return "recorded at position " + recorded.position() + ", stored here"
                    + (fingerprint.equals(recorded.fingerprint()) ? "" : ", and its content differs too");
        }

        private void missing(ChainRecord recorded) {
            breakCount++;
            if (listFull()) {
                return;
            }
            breaks.add(new Break(recorded.position(), recorded.eventId(), recorded.aggregateId(),
                    recorded.sequenceNumber(), Kind.MISSING, "recorded " + (recorded.anchor() ? "anchor" : "event")
                    + " " + name(recorded) + " is no longer stored at this position (deleted, or moved: see a "
                    + "MOVED break of the same event)"));
        }

        private static String name(ChainRecord recorded) {
            return recorded.aggregateId() + " #" + recorded.sequenceNumber();
        }

        private ChainRecord nextRecord() {
            return recordsSeen.iterator().hasNext() ? recordsSeen.iterator().next() : null;
        }

        // --- the anchors ----------------------------------------------------------------------------------------

        private void anchor(Anchor anchor) {
            if (anchor.problem() != null) {
                anchors.add(new AnchorResult(anchor, false, "cannot be checked: " + anchor.problem()));
                return;
            }
            if (anchor.lastPosition() >= anchor.position()) {
                ahead.add(anchor); // seals events after itself: checked once the walk has passed them
                return;
            }
            Optional<ChainHead> at = recentAt(anchor.lastPosition());
            if (at.isPresent()) {
                resolve(anchor, at.get());
            } else {
                deferred.add(anchor);
                anchors.add(new AnchorResult(anchor, false, null)); // keeps its place; resolve() fills it in
            }
        }

        /** The chain after the last event at or before {@code position}, if still among the recent links. */
        private Optional<ChainHead> recentAt(long position) {
            Iterator<ChainHead> newestFirst = recent.descendingIterator();
            while (newestFirst.hasNext()) {
                ChainHead candidate = newestFirst.next();
                if (candidate.lastPosition() <= position) {
                    return Optional.of(candidate);
                }
            }
            return recentTrimmed ? Optional.empty() : Optional.of(ChainHead.START);
        }

        void resolve(Anchor anchor, ChainHead at) {
            List<String> differences = new ArrayList<>();
            // over events without identity (all there were when v1 anchors were recorded) both forms give one head
            if (!AuditChain.FORMS.contains(anchor.form())) {
                differences.add("its form " + anchor.form() + " is none of " + String.join(", ", AuditChain.FORMS));
            }
            if (!at.head().equals(anchor.head()) || at.chainedEvents() != anchor.chainedEvents()) {
                differences.add("the stored events up to position " + anchor.lastPosition() + " give head "
                        + at.head() + " over " + at.chainedEvents() + " events, the anchor recorded " + anchor.head()
                        + " over " + anchor.chainedEvents());
            }
            if (anchor.lastEventId() != null && !anchor.lastEventId().equals(at.lastEventId())) {
                differences.add("the last event up to that position is " + at.lastEventId() + ", the anchor names "
                        + anchor.lastEventId());
            }
            AnchorResult result = new AnchorResult(anchor, differences.isEmpty(), String.join("; ", differences));
            for (int i = 0; i < anchors.size(); i++) {
                if (anchors.get(i).anchor() == anchor) {
                    anchors.set(i, result);
                    return;
                }
            }
            anchors.add(result);
        }

        // --- the report -----------------------------------------------------------------------------------------

        private boolean listFull() {
            return breaks.size() >= MAX_BREAKS;
        }

        private void addBreak(StoredEvent event, Kind kind, String detail) {
            breakCount++;
            if (listFull()) {
                return;
            }
            ChainedEvent stored = event.event();
            breaks.add(new Break(event.position(), stored.eventId(), stored.aggregateId(), stored.sequenceNumber(),
                    kind, detail));
        }

        ChainReport report() {
            anchors.sort(Comparator.comparingLong(result -> result.anchor().position()));
            List<CheckedAnchor> checked = new ArrayList<>();
            List<Break> all = new ArrayList<>(breaks);
            for (AnchorResult result : anchors) {
                Anchor anchor = result.anchor();
                String detail = result.ok() ? null : result.detail() + narrowed(anchor);
                checked.add(new CheckedAnchor(anchor.position(), anchor.event().eventId(), anchor.scope(),
                        anchor.lastPosition(), anchor.chainedEvents(), result.ok(), detail));
                if (!result.ok()) {
                    breakCount++;
                    all.add(new Break(anchor.position(), anchor.event().eventId(), anchor.event().aggregateId(),
                            anchor.event().sequenceNumber(), Kind.ANCHOR_MISMATCH, "anchor of " + anchor.scope()
                            + " (up to position " + anchor.lastPosition() + "): " + detail));
                }
            }
            // stable: at one position the record's break comes before the anchor's
            all.sort(Comparator.comparingLong(Break::position));
            List<Break> listed = List.copyOf(all.subList(0, Math.min(all.size(), MAX_BREAKS)));
            ChainReport.Status status = breakCount > 0 ? ChainReport.Status.BROKEN
                    : !recordsSeen.available() && anchors.isEmpty() ? ChainReport.Status.UNVERIFIED
                    : ChainReport.Status.INTACT;
            ChainRecords.Coverage coverage = recordsSeen.coverage();
            long unchecked = unchecked();
            return new ChainReport(status, eventsChecked, state.chainedEvents(), state.head(), state.lastPosition(),
                    recordsSeen.available(), recordsText(unchecked), coverage == null ? null : coverage.index(),
                    unrecorded, unchecked,
                    List.copyOf(checked), listed.isEmpty() ? null : listed.get(0), breakCount, listed);
        }

        /**
         * Chained events after the last anchor that holds which no record covers. Unrecorded events are the newest
         * (past the projection's position), so they are counted from the end, as the events after the anchors are.
         * Without it a store whose records could not be read (at a million events the stand-in once collected them all
         * and ran out of a 160 MB heap) was reported INTACT with nothing said about the events no anchor seals.
         */
        private long unchecked() {
            long sealed = anchors.stream().filter(AnchorResult::ok).mapToLong(result -> result.anchor().chainedEvents())
                    .max().orElse(0);
            long afterTheAnchors = Math.max(0, state.chainedEvents() - sealed);
            return recordsSeen.available() ? Math.min(unrecorded, afterTheAnchors) : afterTheAnchors;
        }

        /** In words, what the records could show. */
        private String recordsText(long unchecked) {
            if (!recordsSeen.available()) {
                return recordsSeen.unavailable()
                        + (anchors.isEmpty() ? "; the store holds no anchors either: nothing was compared"
                        : unchecked > 0 ? "; " + unchecked + " events after the last anchor were compared with nothing"
                        : "");
            }
            long index = recordsSeen.coverage().index();
            if (index < 0) {
                return "compared where recorded; the audit-chain projection has not passed a position yet, so "
                        + "deleted or inserted events cannot be told";
            }
            return "compared up to position " + index + (unrecorded == 0 ? "" : "; " + unrecorded + " newer events "
                    + "are not recorded yet and were checked against the anchors only");
        }

        /** Where a failing anchor puts the change: after the last anchor below it that holds. */
        private String narrowed(Anchor failing) {
            long lowerBound = -1;
            for (AnchorResult other : anchors) {
                if (other.ok() && other.anchor().lastPosition() < failing.lastPosition()) {
                    lowerBound = Math.max(lowerBound, other.anchor().lastPosition());
                }
            }
            if (failing.problem() != null) {
                return "";
            }
            return lowerBound < 0
                    ? "; so a stored event at or before position " + failing.lastPosition() + " was altered"
                    : "; so a stored event after position " + lowerBound + " (the anchor below that holds) and at "
                    + "or before position " + failing.lastPosition() + " was altered";
        }
    }

    private record AnchorResult(Anchor anchor, boolean ok, String detail) {
    }

    /** Hands out progress every so often: events done, the total, the rate and the time left. */
    private static final class Progress {

        private final long head;
        private final long everyNanos;
        private final Consumer<VerifyProgress> listener;
        private final long started = System.nanoTime();
        private long lastReport = started;
        private long lastPosition = -1;

        Progress(long head, Duration every, Consumer<VerifyProgress> listener) {
            this.head = Math.max(0, head);
            this.everyNanos = every.toNanos();
            this.listener = listener;
        }

        void passed(long position, long done) {
            lastPosition = position;
            long now = System.nanoTime();
            if (now - lastReport >= everyNanos) {
                lastReport = now;
                listener.accept(progress(done, now, false));
            }
        }

        void finished(long done) {
            listener.accept(progress(done, System.nanoTime(), true));
        }

        private VerifyProgress progress(long done, long now, boolean finished) {
            double seconds = Math.max(0.001, (now - started) / 1e9);
            double rate = done / seconds;
            Long left = finished ? Long.valueOf(0)
                    : rate <= 0 ? null : Long.valueOf(Math.round(Math.max(0, head - lastPosition) / rate));
            return new VerifyProgress(done, head, Math.round(rate * 10) / 10.0, left, finished);
        }
    }
}
