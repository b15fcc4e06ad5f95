package de.lokalebuendnisse.audit.service.replay;

import de.lokalebuendnisse.audit.trail.entry.AuditColumn;
import de.lokalebuendnisse.kernel.audit.AuditEntry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The rebuilt history against the live one: both read year by year in position order and merged, so memory holds
 * one entry of each side and the listed differences. An entry at a position only one side has is missing in the
 * other; at the same position every field is compared.
 * <p>
 * Where the live history can be looked up by position ({@link LiveHistory#byPosition()}), a quick pass comes first:
 * the rebuilt entries' own positions are looked up, {@value #QUICK_CHUNK} at a time, and each must be there under
 * the same year with every field equal; then the live history must hold no more entries up to the head than were
 * matched (positions are unique there, so each matched one is another entry). When both hold, there is no
 * difference, and the answer is the one the merge would give. At the first mismatch the quick pass stops and the
 * merge runs, which lists the differences in its order. The merge has to find the live positions first, and at a
 * million events, most of them without an entry, that search took 20 s of a replay's 70 s.
 */
final class HistoryComparison {

    /** Differences listed in the report; the rest are only counted. */
    static final int LISTED = 1000;

    /** Positions looked up at a time in the quick pass, as {@link MongoLiveHistory#CHUNK}. */
    static final int QUICK_CHUNK = MongoLiveHistory.CHUNK;

    /** Every column but the position, which the two sides are merged by. */
    private static final List<AuditColumn> COMPARED = Arrays.stream(AuditColumn.values())
            .filter(column -> column != AuditColumn.POSITION).toList();

    private final List<ReplayReport.Difference> listed = new ArrayList<>();
    private long total;
    private long liveEntries;

    private HistoryComparison() {
    }

    static ReplayReport.Comparison compare(RebuiltHistory replayed, SortedSet<Integer> replayedYears,
                                           LiveHistory live, long head) {
        if (!live.available()) {
            return new ReplayReport.Comparison(false, null, live.source(), List.of(), 0, 0, LISTED,
                    List.of());
        }
        String note = live.awaitCovering(head);
        Optional<LiveHistory.ByPosition> byPosition = live.byPosition();
        if (byPosition.isPresent()) {
            long matched = matchedOrNone(replayed, replayedYears, byPosition.get(), head);
            if (matched >= 0) {
                return new ReplayReport.Comparison(true, live.source(), note, List.copyOf(replayedYears), matched, 0,
                        LISTED, List.of());
            }
        }
        SortedSet<Integer> years = new TreeSet<>(replayedYears);
        HistoryComparison comparison = new HistoryComparison();
        try {
            years.addAll(live.years(head));
            for (int year : years) {
                try (Stream<AuditEntry> ours = replayed.entries(year);
                     Stream<AuditEntry> theirs = live.entries(year, head)) {
                    comparison.merge(year, ours.iterator(), theirs.iterator());
                }
            }
        } catch (RuntimeException e) {
            return new ReplayReport.Comparison(false, live.source(), "reading the live history failed: "
                    + e.getMessage(), List.copyOf(years), comparison.liveEntries, comparison.total, LISTED,
                    List.copyOf(comparison.listed));
        }
        return new ReplayReport.Comparison(true, live.source(), note, List.copyOf(years), comparison.liveEntries,
                comparison.total, LISTED, List.copyOf(comparison.listed));
    }

    /**
     * The quick pass: how many live entries equal the rebuilt ones, when the live history holds nothing else up to
     * the head; -1 at the first mismatch, and when the live history could not be read (the merge then says why).
     * The live entries of the next chunk are read on a thread of their own while this chunk is compared: the reads
     * were half of the pass, and the replay's other threads are done by then.
     */
    private static long matchedOrNone(RebuiltHistory replayed, SortedSet<Integer> years,
                                      LiveHistory.ByPosition live, long head) {
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-replay-live-reader");
            thread.setDaemon(true);
            return thread;
        });
        long matched = 0;
        try {
            for (int year : years) {
                try (Stream<AuditEntry> ours = replayed.entries(year)) {
                    Iterator<AuditEntry> entries = ours.iterator();
                    List<AuditEntry> chunk = nextChunk(entries);
                    Future<List<LiveHistory.Listed>> found = lookUp(reader, live, chunk);
                    while (!chunk.isEmpty()) {
                        List<AuditEntry> next = nextChunk(entries);
                        Future<List<LiveHistory.Listed>> foundNext = lookUp(reader, live, next);
                        if (!allEqual(year, chunk, found.get())) {
                            return -1;
                        }
                        matched += chunk.size();
                        chunk = next;
                        found = foundNext;
                    }
                }
            }
            return live.countUpTo(head) == matched ? matched : -1;
        } catch (RuntimeException | ExecutionException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            reader.shutdownNow();
        }
    }

    /** The next {@value #QUICK_CHUNK} rebuilt entries of a year, fewer at its end, none after it. */
    private static List<AuditEntry> nextChunk(Iterator<AuditEntry> entries) {
        List<AuditEntry> chunk = new ArrayList<>(QUICK_CHUNK);
        while (chunk.size() < QUICK_CHUNK && entries.hasNext()) {
            chunk.add(entries.next());
        }
        return chunk;
    }

    /** The live entries at the chunk's positions, read by {@code reader}; none for an empty chunk. */
    private static Future<List<LiveHistory.Listed>> lookUp(ExecutorService reader, LiveHistory.ByPosition live,
                                                           List<AuditEntry> chunk) {
        if (chunk.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<Long> positions = chunk.stream().map(AuditEntry::position).toList();
        return reader.submit(() -> live.at(positions));
    }

    /** Whether the live history holds each of these entries at its position, under this year, with equal fields. */
    private static boolean allEqual(int year, List<AuditEntry> replay, List<LiveHistory.Listed> live) {
        Map<Long, LiveHistory.Listed> found = new HashMap<>();
        for (LiveHistory.Listed listed : live) {
            found.put(listed.entry().position(), listed);
        }
        for (AuditEntry entry : replay) {
            LiveHistory.Listed listed = found.get(entry.position());
            if (listed == null || listed.year() != year) {
                return false;
            }
            for (AuditColumn column : COMPARED) {
                if (!Objects.equals(column.text(entry), column.text(listed.entry()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private void merge(int year, Iterator<AuditEntry> ours, Iterator<AuditEntry> theirs) {
        AuditEntry replay = next(ours);
        AuditEntry live = nextLive(theirs);
        while (replay != null || live != null) {
            if (live == null || (replay != null && replay.position() < live.position())) {
                difference(ReplayReport.Difference.MISSING_IN_LIVE, year, replay, null, summary(replay), null);
                replay = next(ours);
            } else if (replay == null || live.position() < replay.position()) {
                difference(ReplayReport.Difference.MISSING_IN_REPLAY, year, live, null, null, summary(live));
                live = nextLive(theirs);
            } else {
                for (AuditColumn column : COMPARED) {
                    // as text: the timestamp as the stored entries keep it, to the millisecond
                    String a = column.text(replay);
                    String b = column.text(live);
                    if (!Objects.equals(a, b)) {
                        difference(ReplayReport.Difference.FIELD, year, replay, column.key(), a, b);
                    }
                }
                replay = next(ours);
                live = nextLive(theirs);
            }
        }
    }

    private AuditEntry nextLive(Iterator<AuditEntry> theirs) {
        AuditEntry entry = next(theirs);
        if (entry != null) {
            liveEntries++;
        }
        return entry;
    }

    private static AuditEntry next(Iterator<AuditEntry> entries) {
        return entries.hasNext() ? entries.next() : null;
    }

    private void difference(String kind, int year, AuditEntry entry, String field, String replay, String live) {
        total++;
        if (listed.size() < LISTED) {
            listed.add(new ReplayReport.Difference(kind, year, entry.position(), entry.eventId(), field, replay, live));
        }
    }

    private static String summary(AuditEntry entry) {
        return entry.eventType() + " " + entry.aggregateId() + "#" + entry.sequenceNumber();
    }
}
