package de.lokalebuendnisse.kernel.audit;

import java.time.Instant;

/**
 * One award-relevant event as an auditor reads it: where it stands in the event store, when and by whom it was
 * caused, what it concerns, and why in plain German.
 *
 * @param eventId        the event message's identifier in the event store
 * @param position       the event's global position in the event store; the order of the history
 * @param eventType      the event's simple class name, e.g. {@code SealGranted}
 * @param eventRevision  the {@code @Revision} of the event class the event was read as
 * @param aggregateId    the stream it belongs to, e.g. {@code seal-award:2024/25}
 * @param sequenceNumber its place in that stream
 * @param buendnisId     the alliance concerned; null for events of a whole campaign or period
 * @param period         the award period concerned, e.g. {@code 2024/25}; null when none
 * @param campaignYear   the survey campaign concerned (for a grant: the campaign its evidence came from, for a
 *                       period: the campaign it relies on); null when none
 * @param caller         who acted, by display name, from the event's metadata: from the verified access token
 *                       since tokens are required, self-declared in events stored before
 * @param callerSubject  the token's subject ({@code sub}), the stable identity of whoever acted; null in events
 *                       stored before tokens were required
 * @param callerClient   the OAuth2 client the token was issued to; null in events stored before
 * @param callerRole     the role the command was admitted under ({@code service}, {@code staff}, {@code auditor},
 *                       {@code admin}); null in events stored before
 * @param correlationId  from the event's metadata
 * @param causationId    the identifier of the message that caused the event, from the metadata
 * @param process        the process that caused it, when one did (e.g. {@code award-intake-process})
 * @param reason         a German sentence saying what was decided and on which basis
 */
public record AuditEntry(String eventId,
                         long position,
                         Instant timestamp,
                         String eventType,
                         String eventRevision,
                         String aggregateId,
                         long sequenceNumber,
                         String buendnisId,
                         String period,
                         Integer campaignYear,
                         String caller,
                         String callerSubject,
                         String callerClient,
                         String callerRole,
                         String correlationId,
                         String causationId,
                         String process,
                         String reason) {
}
