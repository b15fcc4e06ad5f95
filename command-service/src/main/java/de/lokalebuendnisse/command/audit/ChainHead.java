package de.lokalebuendnisse.command.audit;

/**
 * The audit chain computed up to one stored event.
 *
 * @param lastPosition  the event-store position of the last chained event
 * @param lastEventId   its identifier
 * @param chainedEvents how many events were chained up to it, from the first
 * @param head          the link after it
 */
public record ChainHead(long lastPosition, String lastEventId, long chainedEvents, String head) {
}
