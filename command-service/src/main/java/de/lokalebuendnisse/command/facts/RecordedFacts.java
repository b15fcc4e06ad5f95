package de.lokalebuendnisse.command.facts;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;

import java.util.Optional;
import java.util.SortedSet;

/**
 * Facts owned by other aggregates that a command handler must know to decide, read from the event store at the
 * moment of the decision. Whatever a handler learns here it copies into its event, so the decision's basis is
 * recorded with it.
 */
public interface RecordedFacts {

    /** The alliance's status, or empty when it was never registered. */
    Optional<BuendnisStatus> statusOf(BuendnisId buendnisId);

    /** The alliances that hold the seal of a period (granted and not revoked); empty for an unknown period. */
    SortedSet<BuendnisId> sealHoldersOf(AwardPeriod period);
}
