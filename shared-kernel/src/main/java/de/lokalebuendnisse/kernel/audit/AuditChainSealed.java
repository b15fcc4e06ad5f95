package de.lokalebuendnisse.kernel.audit;

import org.axonframework.serialization.Revision;

/**
 * An anchor of the audit chain (the audit trail's {@code AuditChain}): the chain head after every stored event up to
 * {@code lastPosition}, recorded in the event store itself so that the history anchors its own past. Anchors are
 * not chained themselves ({@code AuditChain.ANCHOR_TYPE} is this class). Never replaced: a second seal of the same
 * scope and label with another head is refused.
 *
 * @param scope         what is sealed: an award period or a calendar year
 * @param label         which one, e.g. {@code 2024/25} or {@code 2024}
 * @param form          the canonical form the head was computed in: {@link SealAuditChain#FORM_V2} since the
 *                      caller's verified identity is chained, {@link SealAuditChain#FORM_V1} in anchors recorded
 *                      before
 * @param lastPosition  the event-store position of the last chained event
 * @param lastEventId   that event's identifier
 * @param chainedEvents how many events were chained, from the first stored event up to that one
 * @param head          the link after that event, 64 lower-case hex digits
 */
@Revision("1")
public record AuditChainSealed(AuditChainScope scope,
                               String label,
                               String form,
                               long lastPosition,
                               String lastEventId,
                               long chainedEvents,
                               String head) implements AuditLedgerEvent {
}
