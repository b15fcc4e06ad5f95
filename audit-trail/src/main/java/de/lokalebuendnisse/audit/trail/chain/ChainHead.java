package de.lokalebuendnisse.audit.trail.chain;

import de.lokalebuendnisse.kernel.audit.ChainedEvent;

/**
 * The audit chain ({@link AuditChain}) computed up to one stored event: the head over events handed in in position
 * order, starting at {@link #START}. Immutable, so a reader may keep the heads it passed (the verifier keeps the
 * recent ones to check anchors that seal events behind it).
 *
 * @param lastPosition  the event-store position of the last chained event; -1 before the first
 * @param lastEventId   its identifier; null before the first
 * @param chainedEvents how many events were chained up to it, from the first
 * @param head          the link after it; {@link AuditChain#GENESIS} before the first
 */
public record ChainHead(long lastPosition, String lastEventId, long chainedEvents, String head) {

    /** The chain before any event. */
    public static final ChainHead START = new ChainHead(-1, null, 0, AuditChain.GENESIS);

    /**
     * The chain after {@code event}, stored at {@code position} (its own position); this head itself when the event
     * is one of the chain's own anchors, which are not chained.
     *
     * @throws IllegalStateException when {@code position} is not beyond the last chained event's (anchors
     *                               included): the chain is defined in position order
     */
    public ChainHead next(long position, ChainedEvent event) {
        if (position <= lastPosition) {
            throw new IllegalStateException("event " + event.eventId() + " at position " + position
                    + " comes after position " + lastPosition + ": the chain runs in position order");
        }
        if (!AuditChain.covers(event.payloadType())) {
            return this;
        }
        return new ChainHead(position, event.eventId(), chainedEvents + 1, AuditChain.link(head, event));
    }
}
