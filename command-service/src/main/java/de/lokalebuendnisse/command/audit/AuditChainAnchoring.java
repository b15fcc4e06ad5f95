package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.command.process.ProcessCommands;
import de.lokalebuendnisse.kernel.audit.SealAuditChain;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;


/**
 * Anchors the audit chain when an award period closes: computes the head over every stored event up to and
 * including the closing event and records it in the audit ledger ({@link AuditLedger}).
 * <p>
 * A tracking (pooled streaming) processor with its token in MongoDB, like the award intake: a failure stops the
 * segment and it retries from its token instead of skipping the period. The ledger records a seal once, so a
 * replay resends every seal and records nothing again; a replay over an altered history is refused and logged as
 * an error.
 */
@Component
@ProcessingGroup(AuditChainAnchoring.PROCESSING_GROUP)
public class AuditChainAnchoring {

    public static final String PROCESSING_GROUP = "audit-chain-anchoring";
    static final String PROCESS_NAME = "audit-chain-process";

    private static final Logger log = LoggerFactory.getLogger(AuditChainAnchoring.class);

    private final AuditChainSeals seals;
    private final ProcessCommands commands;
    private final OwnPositions positions;

    public AuditChainAnchoring(AuditChainSeals seals, CommandGateway commandGateway, OwnPositions positions) {
        this.seals = seals;
        this.positions = positions;
        this.commands = new ProcessCommands(commandGateway, PROCESS_NAME);
    }

    @EventHandler
    void on(AwardPeriodClosed event, EventMessage<?> message) {
        if (!(message instanceof TrackedEventMessage<?> tracked)) {
            throw new IllegalStateException("the closing of " + event.period().label() + " arrived without a "
                    + "position in the event store");
        }
        // The closing event's own position: its token's may stand at a later event that committed first. An event
        // below it that is still committing makes the head wait (StoreGaps, through AuditChainHeads) and, if it
        // takes longer, fail so that the processor retries from its token; a refused command's position is no
        // such event and delays nothing.
        long closingPosition = positions.of(tracked);
        send(seals.ofPeriod(event.period(), closingPosition), message);
    }

    /**
     * A refusal is final: recomputing gives the same head. A conflict means the stored history up to this seal
     * differs from when it was first sealed, which is what the chain exists to reveal.
     */
    private void send(SealAuditChain command, EventMessage<?> cause) {
        commands.send(command, cause).ifPresent(refusal -> {
            if (refusal.kind() == Refusal.Kind.CONFLICT) {
                log.error("{}: the audit chain up to the closing of {} differs from the recorded seal: {}",
                        PROCESS_NAME, command.label(), refusal.summary());
            } else {
                log.warn("{} refused {}: {}", PROCESS_NAME, command, refusal.summary());
            }
        });
    }
}
