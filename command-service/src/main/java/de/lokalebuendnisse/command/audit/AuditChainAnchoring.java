package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.command.config.AxonConfiguration;
import de.lokalebuendnisse.kernel.audit.SealAuditChain;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
    private final CommandGateway commandGateway;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-chain-dispatch");
        thread.setDaemon(true);
        return thread;
    });

    public AuditChainAnchoring(AuditChainSeals seals, CommandGateway commandGateway) {
        this.seals = seals;
        this.commandGateway = commandGateway;
    }

    @EventHandler
    void on(AwardPeriodClosed event, EventMessage<?> message, TrackingToken token) {
        TrackingToken position = WrappedToken.unwrapLowerBound(token);
        // The JDBC store hands out positions before commit, so a gap below the closing event may be an event still
        // committing, which the head must cover. Failing lets the processor retry from its token later; the gap is
        // filled by then or, once older than the store's gap timeout, no longer listed.
        if (position instanceof GapAwareTrackingToken gapAware && !gapAware.getGaps().isEmpty()) {
            throw new HistoryNotSettledException("the closing of " + event.period().label() + " at position "
                    + gapAware.getIndex() + " has " + gapAware.getGaps().size()
                    + " unfilled position(s) below it; its seal waits until they settle");
        }
        long closingPosition = AuditChainHeads.positionOf(position);
        send(seals.ofPeriod(event.period(), closingPosition), message);
    }

    /**
     * Sends on a thread of its own, so the command runs in its own unit of work and transaction and has committed
     * when this returns; the token is stored only after that.
     */
    private void send(SealAuditChain command, EventMessage<?> cause) {
        MetaData metaData = MetaData.from(Map.of(
                AxonConfiguration.CALLER, PROCESS_NAME,
                AxonConfiguration.CORRELATION_ID,
                cause.getMetaData().getOrDefault(AxonConfiguration.CORRELATION_ID, cause.getIdentifier()),
                AxonConfiguration.CAUSATION_ID, cause.getIdentifier(),
                AxonConfiguration.PROCESS, PROCESS_NAME));
        try {
            CompletableFuture.runAsync(() -> commandGateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metaData)), dispatcher).join();
        } catch (CompletionException e) {
            // a refusal arrives as the aggregate's exception locally and as a generic one through Axon Server
            if (e.getCause() instanceof CommandExecutionException failed
                    && failed.getDetails().orElse(null) instanceof Refusal refusal) {
                // final: recomputing gives the same head. A conflict means the stored history up to this seal
                // differs from when it was first sealed, which is what the chain exists to reveal.
                if (refusal.kind() == Refusal.Kind.CONFLICT) {
                    log.error("{}: the audit chain up to the closing of {} differs from the recorded seal: {}",
                            PROCESS_NAME, command.label(), refusal.summary());
                } else {
                    log.warn("{} refused {}: {}", PROCESS_NAME, command, refusal.summary());
                }
                return;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
