package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.audit.trail.chain.ChainHead;
import de.lokalebuendnisse.audit.trail.chain.ChainedEvents;
import de.lokalebuendnisse.audit.trail.history.HistoryNotSettledException;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Computes the audit chain ({@link AuditChain}) over the stored events from the first, in event-store order,
 * leaving out the chain's own anchors. Streams the history once per call, so memory stays flat however long it
 * is; logs its progress every few seconds.
 */
@Component
public class AuditChainHeads {

    private static final Logger log = LoggerFactory.getLogger(AuditChainHeads.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final StoredHistory history;

    public AuditChainHeads(StoredHistory history) {
        this.history = history;
    }

    /**
     * The chain over every stored event up to and including {@code position}; empty when none lies there or
     * before.
     *
     * @throws HistoryNotSettledException when an event below {@code position} may still be committing
     */
    public Optional<ChainHead> upToPosition(long position) {
        return chain(position, position, timestamp -> true);
    }

    /**
     * The chain up to the last stored event stamped before {@code end}, together with every event stored before
     * that one (the chain is a prefix of the store, whatever the timestamps of the events in it); empty when no
     * event is stamped before {@code end}.
     *
     * @throws HistoryNotSettledException when an event below that last one may still be committing
     */
    public Optional<ChainHead> upToLastEventBefore(Instant end) {
        return chain(Long.MAX_VALUE, history.headPosition(), timestamp -> timestamp.isBefore(end));
    }

    /**
     * @param limit     read no event beyond this position
     * @param mustReach the read is complete only once it has seen this position (or one beyond)
     * @param mayEndAt  whether the chain may end at an event with this timestamp
     */
    private Optional<ChainHead> chain(long limit, long mustReach, Predicate<Instant> mayEndAt) {
        long started = System.nanoTime();
        long nextReport = started + PROGRESS_INTERVAL.toNanos();
        // the chain runs in position order: every event below the end must have committed before reading
        long settleUpTo = Math.min(limit, mustReach);
        history.awaitSettled(settleUpTo).ifPresent(why -> {
            throw new HistoryNotSettledException(why + "; try again later");
        });
        ChainHead chain = ChainHead.START;
        long read = 0;
        long reached = -1;
        ChainHead candidate = null;
        try (Stream<? extends TrackedEventMessage<?>> events = history.fromFirst()) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> message = iterator.next();
                long position = history.positionOf(message);
                if (position > limit) {
                    break;
                }
                if (position <= reached) {
                    // an event committed after the read had passed its position: this read is not the history
                    throw new HistoryNotSettledException("the event at position " + position + " was committed "
                            + "after the read had passed it (at position " + reached + "); try again later");
                }
                read++;
                reached = position;
                ChainedEvent event = ChainedEvents.of(message, history.eventSerializer());
                chain = chain.next(position, event);
                // an anchor leaves the chain as it was, and no chain ends at one
                if (AuditChain.covers(event.payloadType()) && mayEndAt.test(event.timestamp())) {
                    candidate = chain;
                }
                if (System.nanoTime() >= nextReport) {
                    log.info("Audit chain: {} events read, at position {} of {} ({} events/s)", read, position,
                            mustReach, perSecond(read, started));
                    nextReport = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
                }
                if (position == limit) {
                    break;
                }
            }
        }
        if (reached < mustReach) {
            // the store's read ends at the first empty batch; a long enough run of missing positions ends it early
            throw new IllegalStateException("the read of the stored events ended at position " + reached
                    + " before position " + mustReach);
        }
        if (candidate == null) {
            return Optional.empty();
        }
        log.info("Audit chain: head {} after {} events up to position {} ({} events read in {} ms)",
                candidate.head(), candidate.chainedEvents(), candidate.lastPosition(), read,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return Optional.of(candidate);
    }

    private static long perSecond(long count, long startedNanos) {
        long elapsed = Math.max(1, System.nanoTime() - startedNanos);
        return count * 1_000_000_000L / elapsed;
    }
}
