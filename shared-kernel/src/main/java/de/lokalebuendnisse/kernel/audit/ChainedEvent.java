package de.lokalebuendnisse.kernel.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event as the audit chain sees it: what the event store holds, before any upcasting.
 *
 * @param payloadRevision the stored revision; null when none was stored
 * @param payload         the serialized payload exactly as stored (UTF-8 JSON)
 * @param metaData        the event's metadata; the chain covers only some keys (the audit trail's
 *                        {@code AuditChain.METADATA_KEYS})
 */
public record ChainedEvent(String eventId,
                           String aggregateId,
                           long sequenceNumber,
                           String payloadType,
                           String payloadRevision,
                           String payload,
                           Map<String, String> metaData,
                           Instant timestamp) {
}
