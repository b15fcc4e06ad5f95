package de.lokalebuendnisse.audit.service.person;

import de.lokalebuendnisse.audit.service.history.EventHistory;
import de.lokalebuendnisse.kernel.audit.FindPersonalDataQuery;
import de.lokalebuendnisse.kernel.audit.PersonalDataReport;
import de.lokalebuendnisse.kernel.buendnis.BuendnisEvent;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonChanged;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonRemoved;
import de.lokalebuendnisse.kernel.buendnis.PersonalDataErased;
import de.lokalebuendnisse.kernel.person.ErasureBasis;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;
import de.lokalebuendnisse.platform.personal.ContactDisplay;
import de.lokalebuendnisse.platform.personal.PersonalDataCipher;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER_CLIENT;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER_ROLE;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER_SUBJECT;

/**
 * Answers an access request (Art. 15 GDPR) from the event store itself, not from a projection: the store is what is
 * kept, so it is what the person has a right to see. Every sealed value is opened through the one
 * {@link PersonalDataCipher}; once the key is gone each shows the placeholder.
 * <p>
 * Why the whole history is read: the person id does not name the alliance's stream, and contact events are few
 * beside the rest; an index by person would be one more copy to keep in step for a rare request.
 */
@Component
public class PersonalDataReader {

    private final EventHistory history;
    private final PersonalDataCipher cipher;

    public PersonalDataReader(EventHistory history, PersonalDataCipher cipher) {
        this.history = history;
        this.cipher = cipher;
    }

    /** Empty when no stored event names the person. */
    public Optional<PersonalDataReport> read(FindPersonalDataQuery query) {
        PersonId personId = query.personId();
        List<PersonalDataReport.PersonEvent> events = new ArrayList<>();
        String buendnisId = null;
        PersonalDataReport.PersonDetails current = null;
        PersonalDataReport.PersonErasure erasure = null;
        try (Stream<TrackedEventMessage<?>> stored = history.upTo(history.headPosition())) {
            for (TrackedEventMessage<?> message : (Iterable<TrackedEventMessage<?>>) stored::iterator) {
                Object payload = message.getPayload();
                if (!(payload instanceof BuendnisEvent event) || !personId.equals(personOf(payload))) {
                    continue;
                }
                buendnisId = event.buendnisId().value();
                PersonalDataReport.PersonDetails details = null;
                Boolean primary = null;
                if (payload instanceof ContactPersonAdded added) {
                    details = opened(personId, added.data());
                    primary = added.primary();
                } else if (payload instanceof ContactPersonChanged changed) {
                    details = opened(personId, changed.data());
                    primary = changed.primary();
                } else if (payload instanceof PersonalDataErased erased) {
                    erasure = new PersonalDataReport.PersonErasure(history.positionOf(message), message.getTimestamp(),
                            recordedBy(message), erased.legalBasis(), basisLabel(erased.legalBasis()),
                            erased.reason());
                }
                if (details != null) {
                    current = details;
                }
                events.add(new PersonalDataReport.PersonEvent(payload.getClass().getSimpleName(),
                        history.positionOf(message), message.getTimestamp(), event.buendnisId().value(),
                        recordedBy(message), primary, details));
            }
        }
        if (events.isEmpty()) {
            return Optional.empty();
        }
        // erased when the key is gone, whether or not the erasure event is already stored
        boolean erased = erasure != null || (current != null && current.erased());
        return Optional.of(new PersonalDataReport(personId.value(), buendnisId, erased, current, events, erasure));
    }

    private static PersonId personOf(Object payload) {
        if (payload instanceof ContactPersonAdded e) {
            return e.personId();
        } else if (payload instanceof ContactPersonChanged e) {
            return e.personId();
        } else if (payload instanceof ContactPersonRemoved e) {
            return e.personId();
        } else if (payload instanceof PersonalDataErased e) {
            return e.personId();
        }
        return null;
    }

    private PersonalDataReport.PersonDetails opened(PersonId personId, SealedPersonalData data) {
        ContactDisplay shown = cipher.display(personId, data);
        return new PersonalDataReport.PersonDetails(shown.name(), shown.function(), shown.functionLabel(),
                shown.engagement(), shown.engagementLabel(), shown.email(), shown.phone(), shown.language(),
                shown.erased());
    }

    private static String basisLabel(String code) {
        try {
            return ErasureBasis.valueOf(code).label();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return null;
        }
    }

    private static PersonalDataReport.PersonEventRecorder recordedBy(TrackedEventMessage<?> message) {
        return new PersonalDataReport.PersonEventRecorder(meta(message, CALLER), meta(message, CALLER_SUBJECT),
                meta(message, CALLER_CLIENT), meta(message, CALLER_ROLE));
    }

    private static String meta(TrackedEventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
