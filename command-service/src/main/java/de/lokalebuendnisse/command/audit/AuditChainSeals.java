package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.audit.trail.chain.ChainHead;
import de.lokalebuendnisse.audit.trail.history.HistoryNotSettledException;
import de.lokalebuendnisse.kernel.audit.AuditChainScope;
import de.lokalebuendnisse.kernel.audit.SealAuditChain;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Computes what a seal of the audit chain records, for an award period or a calendar year. */
@Component
public class AuditChainSeals {

    /** Calendar years are those of the Servicebüro and the audit history. */
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final AuditChainHeads heads;

    public AuditChainSeals(AuditChainHeads heads) {
        this.heads = heads;
    }

    /**
     * The seal of a period closed by the event at {@code closingPosition}: the chain over every stored event up to
     * and including that one.
     *
     * @throws HistoryNotSettledException when an event below it may still be committing
     */
    public SealAuditChain ofPeriod(AwardPeriod period, long closingPosition) {
        ChainHead head = heads.upToPosition(closingPosition).orElseThrow(() -> new IllegalStateException(
                "no stored event up to the closing of " + period.label() + " at position " + closingPosition));
        return seal(AuditChainScope.PERIOD, period.label(), head);
    }

    /**
     * The seal of a calendar year in Europe/Berlin: the chain up to the last event stamped in that year or
     * before. Refused while the year has not ended, because later events of the year would not be covered.
     */
    public SealAuditChain ofYear(int year, Instant now) {
        Instant end = endOf(year);
        if (now.isBefore(end)) {
            throw CommandRefusedException.ruleViolated("year", "year-ended",
                    year + " ends at " + end + " (midnight in Europe/Berlin); it can be sealed from then on");
        }
        ChainHead head;
        try {
            head = heads.upToLastEventBefore(end).orElseThrow(() -> CommandRefusedException.ruleViolated("year",
                    "events-recorded", "no event is recorded in " + year + " or before; there is nothing to seal"));
        } catch (HistoryNotSettledException e) {
            throw CommandRefusedException.conflict("year", "history-settled", e.getMessage());
        }
        return seal(AuditChainScope.YEAR, Integer.toString(year), head);
    }

    /** The first instant after {@code year} in Europe/Berlin. */
    static Instant endOf(int year) {
        return LocalDate.of(year + 1, 1, 1).atStartOfDay(BERLIN).toInstant();
    }

    private static SealAuditChain seal(AuditChainScope scope, String label, ChainHead head) {
        return new SealAuditChain(scope, label, AuditChain.FORM, head.lastPosition(), head.lastEventId(),
                head.chainedEvents(), head.head());
    }
}
