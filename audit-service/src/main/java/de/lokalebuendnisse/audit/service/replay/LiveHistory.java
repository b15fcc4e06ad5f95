package de.lokalebuendnisse.audit.service.replay;

import de.lokalebuendnisse.kernel.audit.AuditEntry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The live audit history a replay is compared with: the service's database, the service over HTTP, or none. */
public interface LiveHistory {

    /** Said in the report, e.g. {@code live database lbf-audit}. */
    String source();

    /** False when there is nothing to compare with; {@link #source()} then says why. */
    default boolean available() {
        return true;
    }

    /**
     * Waits, as far as the source allows, until the live history has handled every event up to {@code head}.
     *
     * @return a note for the report when it could not be made sure of; null when it was
     */
    String awaitCovering(long head);

    /**
     * The years the live history lists entries up to {@code head} under, as far as the source can tell; the replay adds
     * its own.
     */
    SortedSet<Integer> years(long head);

    /** The year's entries up to {@code head}, in position order; close the stream when done. */
    Stream<AuditEntry> entries(int year, long head);

    /**
     * Entries looked up by their position, for a comparison that expects no difference; empty when the source
     * cannot look entries up so (then every comparison reads year by year).
     */
    default Optional<ByPosition> byPosition() {
        return Optional.empty();
    }

    /** An entry of the live history and the year it is listed under. */
    record Listed(int year, AuditEntry entry) {
    }

    /** The live history looked up by position. */
    interface ByPosition {

        /** The entries held at these positions, with their years, in any order; none for a position without one. */
        List<Listed> at(Collection<Long> positions);

        /** How many entries the live history holds at positions up to {@code head}. */
        long countUpTo(long head);
    }

    /** No live history to compare with, and why. */
    static LiveHistory none(String reason) {
        return new LiveHistory() {
            @Override
            public String source() {
                return reason;
            }

            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String awaitCovering(long head) {
                return null;
            }

            @Override
            public SortedSet<Integer> years(long head) {
                return new TreeSet<>();
            }

            @Override
            public Stream<AuditEntry> entries(int year, long head) {
                return Stream.empty();
            }
        };
    }
}
