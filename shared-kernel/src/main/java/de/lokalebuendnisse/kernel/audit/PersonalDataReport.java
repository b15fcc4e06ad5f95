package de.lokalebuendnisse.kernel.audit;

import java.time.Instant;
import java.util.List;

/**
 * The answer to an access request (Art. 15 GDPR): every stored event about one person in event-store order, each
 * with what it recorded opened for the reader, or the placeholder "gelöscht" once the person's key is gone, and the
 * record of the erasure.
 *
 * @param erased  whether the person's data is erased (the key is gone)
 * @param current the newest recorded details as they read now; null when the person was never given any
 * @param erasure the erasure's record; null while the data is not erased by an event
 */
public record PersonalDataReport(String personId,
                                 String buendnisId,
                                 boolean erased,
                                 PersonDetails current,
                                 List<PersonEvent> events,
                                 PersonErasure erasure) {

    /** A person's details as opened now; every personal field "gelöscht" once erased. */
    public record PersonDetails(String name, String function, String functionLabel, String engagement,
                                String engagementLabel, String email, String phone, String language, boolean erased) {
    }

    /** Who recorded an event, as its metadata names the verified caller; null fields for events stored before. */
    public record PersonEventRecorder(String caller, String subject, String client, String role) {
    }

    /**
     * One stored event about the person.
     *
     * @param type     the event's type, e.g. ContactPersonAdded
     * @param primary  the primary flag it recorded; null for events that carry none
     * @param details  what it recorded, opened now; null for events that carry no details
     */
    public record PersonEvent(String type, long position, Instant timestamp, String buendnisId,
                              PersonEventRecorder recordedBy, Boolean primary, PersonDetails details) {
    }

    /** The erasure: when, by whom, on which legal ground (code and German words) and why. */
    public record PersonErasure(long position, Instant timestamp, PersonEventRecorder recordedBy, String legalBasis,
                                String legalBasisLabel, String reason) {
    }
}
