package de.lokalebuendnisse.audit.service.replay;

import de.lokalebuendnisse.audit.trail.entry.AuditColumn;
import de.lokalebuendnisse.kernel.audit.AuditEntry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The rebuilt history against the live one: both read year by year in position order and merged, so memory holds
 * one entry of each side and the listed differences. An entry at a position only one side has is missing in the
 * other; at the same position every field is compared.
 */
final class HistoryComparison {

    /** Differences listed in the report; the rest are only counted. */
    static final int LISTED = 1000;

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
