package de.lokalebuendnisse.audit.service.chain;

/**
 * What the auditors' service saw of one stored event when it arrived: its position, identity and fingerprint, the
 * event's own link after {@code AuditChain.GENESIS} (so it does not depend on the events before it).
 *
 * @param anchor whether the event is an anchor of the chain; anchors are recorded too, so that removing or altering
 *               one is located like any other change, although they are not links of the chain
 */
public record ChainRecord(long position, String eventId, String aggregateId, long sequenceNumber,
                          String fingerprint, boolean anchor) {
}
