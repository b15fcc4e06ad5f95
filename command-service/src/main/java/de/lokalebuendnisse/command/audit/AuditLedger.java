package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.kernel.audit.AuditChainScope;
import de.lokalebuendnisse.kernel.audit.AuditChainSealed;
import de.lokalebuendnisse.kernel.audit.SealAuditChain;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The one ledger of the audit chain's anchors ({@value SealAuditChain#LEDGER_ID}). It records each seal once and
 * never replaces one, so an anchor, once in the event store, stays the reference a later verification compares
 * with.
 * <p>
 * Seals need not arrive in position order: a year can be sealed on request after a later award period closed, and
 * a replay of the anchoring process resends old seals. Since every seal names the position it covers, its order
 * in the ledger says nothing; only the seals among themselves must fit one chain (same position, same head; a
 * later position, more events). They can, because the forms {@link SealAuditChain} admits give one chain: form v2
 * links an event without identity exactly as form v1 did, and no event had an identity while v1 seals were made.
 * So a v1 seal resent as v2 after the upgrade (a replay of the anchoring) with the same head is the same seal.
 */
@Aggregate
public class AuditLedger {

    @AggregateIdentifier
    private String ledgerId;
    private final Map<Scoped, AuditChainSealed> seals = new HashMap<>();
    /** One seal per sealed position; seals of the same position are equal by {@link #refuseUnlessConsistent}. */
    private final NavigableMap<Long, AuditChainSealed> byPosition = new TreeMap<>();

    protected AuditLedger() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SealAuditChain command) {
        AuditChainSealed requested = command.sealed();
        AuditChainSealed recorded = seals.get(new Scoped(command.scope(), command.label()));
        if (recorded != null) {
            if (!sameSealInAnyForm(recorded, requested)) {
                throw CommandRefusedException.conflict(firstDifference(recorded, requested), "seal-not-replaced",
                        command.scope() + " " + command.label() + " is sealed already with head " + recorded.head()
                                + " after position " + recorded.lastPosition() + "; a seal is never replaced");
            }
            return; // sealed exactly so already: a retry or a replay
        }
        refuseUnlessConsistent(requested);
        apply(requested);
    }

    /** Equal but perhaps for the form: both forms give the same head over the events a v1 seal covered. */
    private static boolean sameSealInAnyForm(AuditChainSealed recorded, AuditChainSealed requested) {
        return recorded.equals(new AuditChainSealed(requested.scope(), requested.label(), recorded.form(),
                requested.lastPosition(), requested.lastEventId(), requested.chainedEvents(), requested.head()));
    }

    private void refuseUnlessConsistent(AuditChainSealed requested) {
        AuditChainSealed samePosition = byPosition.get(requested.lastPosition());
        if (samePosition != null && !(samePosition.head().equals(requested.head())
                && samePosition.lastEventId().equals(requested.lastEventId())
                && samePosition.chainedEvents() == requested.chainedEvents())) {
            throw inconsistent(requested, samePosition);
        }
        Map.Entry<Long, AuditChainSealed> earlier = byPosition.lowerEntry(requested.lastPosition());
        if (earlier != null && earlier.getValue().chainedEvents() >= requested.chainedEvents()) {
            throw inconsistent(requested, earlier.getValue());
        }
        Map.Entry<Long, AuditChainSealed> later = byPosition.higherEntry(requested.lastPosition());
        if (later != null && later.getValue().chainedEvents() <= requested.chainedEvents()) {
            throw inconsistent(requested, later.getValue());
        }
    }

    private static CommandRefusedException inconsistent(AuditChainSealed requested, AuditChainSealed recorded) {
        return CommandRefusedException.conflict("head", "chain-consistent",
                "the seal of " + requested.scope() + " " + requested.label() + " (" + requested.chainedEvents()
                        + " events up to position " + requested.lastPosition() + ", head " + requested.head()
                        + ") cannot lie on the same chain as the seal of " + recorded.scope() + " "
                        + recorded.label() + " (" + recorded.chainedEvents() + " events up to position "
                        + recorded.lastPosition() + ", head " + recorded.head() + ")");
    }

    private static String firstDifference(AuditChainSealed recorded, AuditChainSealed requested) {
        if (!recorded.head().equals(requested.head())) {
            return "head";
        }
        if (recorded.lastPosition() != requested.lastPosition()) {
            return "lastPosition";
        }
        if (!recorded.lastEventId().equals(requested.lastEventId())) {
            return "lastEventId";
        }
        return "chainedEvents";
    }

    @EventSourcingHandler
    void on(AuditChainSealed event) {
        ledgerId = SealAuditChain.LEDGER_ID;
        seals.put(new Scoped(event.scope(), event.label()), event);
        byPosition.putIfAbsent(event.lastPosition(), event);
    }

    private record Scoped(AuditChainScope scope, String label) {
    }
}
