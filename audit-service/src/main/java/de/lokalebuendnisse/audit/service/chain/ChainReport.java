package de.lokalebuendnisse.audit.service.chain;

import java.util.List;

/**
 * The answer of a verification of the audit chain.
 *
 * @param status           {@code INTACT}: nothing differs from the records or the anchors; {@code BROKEN}: see
 *                         {@code breaks}; {@code UNVERIFIED}: there was nothing to compare with (no records and no
 *                         anchors), so nothing is confirmed
 * @param eventsChecked    stored events read, anchors included
 * @param chainedEvents    of them, the links of the chain (every event but the anchors)
 * @param head             the link after the last chained event; {@code AuditChain.GENESIS} for an empty store
 * @param headPosition     the position of the last chained event; -1 for an empty store
 * @param recordsAvailable whether the fingerprint records could be read; if not, only the anchors were checked
 * @param records          in words: which records were compared, or why none were
 * @param recordedUpTo     the position the records are complete up to; null without records
 * @param unrecordedEvents stored events the records do not cover yet (newer than the projection's position)
 * @param uncheckedEvents  chained events compared with neither a record nor an anchor: newer than the last anchor
 *                         that holds, and not recorded yet or the records unreadable; {@code INTACT} confirms nothing
 *                         about them
 * @param checkedAnchors   every anchor in the store, in event-store order
 * @param firstBreak       the first break in position order; null when there is none
 * @param breakCount       all breaks found
 * @param breaks           the first {@value ChainVerifier#MAX_BREAKS} breaks in position order
 */
public record ChainReport(Status status,
                          long eventsChecked,
                          long chainedEvents,
                          String head,
                          long headPosition,
                          boolean recordsAvailable,
                          String records,
                          Long recordedUpTo,
                          long unrecordedEvents,
                          long uncheckedEvents,
                          List<CheckedAnchor> checkedAnchors,
                          Break firstBreak,
                          long breakCount,
                          List<Break> breaks) {

    public enum Status { INTACT, BROKEN, UNVERIFIED }

    public enum Kind {
        /** The same event (identifier) at the same position, with other content. */
        CHANGED,
        /** A recorded event no longer stored at its position: deleted, or moved away (see its MOVED entry). */
        MISSING,
        /** A stored event never recorded at a position the records cover: written behind the service's back. */
        INSERTED,
        /** A stored event that was recorded at another position. */
        MOVED,
        /** A stored event never recorded, where another event was recorded. */
        REPLACED,
        /** An anchor whose head or count the stored events no longer give. */
        ANCHOR_MISMATCH
    }

    /**
     * Where the store differs from what was recorded or anchored.
     *
     * @param position the position in the event store; for {@code ANCHOR_MISMATCH} the anchor's own
     * @param eventId  the stored event there (for {@code MISSING} the recorded one)
     */
    public record Break(long position, String eventId, String aggregateId, Long sequenceNumber, Kind kind,
                        String detail) {
    }

    /**
     * One anchor and whether the stored events still give the head it recorded.
     *
     * @param lastPosition the last position the anchor covers; -1 when unreadable
     */
    public record CheckedAnchor(long position, String eventId, String scope, long lastPosition, long chainedEvents,
                                boolean ok, String detail) {
    }
}
