package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.common.InvalidValueException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The instant an auditor asks about, as given on the REST API or the command line. */
public final class AsOfInstant {

    public static final String FIELD = "at";

    private AsOfInstant() {
    }

    /**
     * Parses an ISO-8601 instant, in UTC ({@code 2024-11-21T12:00:00Z}) or with an offset
     * ({@code 2024-11-21T13:00:00+01:00}). An instant after {@code now} is refused: events up to it are not all
     * recorded yet, so the answer would change later, which an answer "as of" an instant must not.
     *
     * @throws InvalidValueException naming the field {@value #FIELD} and the rule {@code required},
     *                               {@code iso-instant} or {@code not-in-future}
     */
    public static Instant parse(String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(FIELD, "required",
                    "must be given: an ISO-8601 instant such as 2024-11-21T12:00:00Z");
        }
        Instant at;
        try {
            at = Instant.parse(text.strip());
        } catch (DateTimeParseException notUtc) {
            try {
                at = OffsetDateTime.parse(text.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidValueException(FIELD, "iso-instant", "must be an ISO-8601 instant with a zone, "
                        + "e.g. 2024-11-21T12:00:00Z or 2024-11-21T13:00:00+01:00");
            }
        }
        if (at.isAfter(now)) {
            throw new InvalidValueException(FIELD, "not-in-future", "must not lie in the future (now is " + now
                    + "): what happens after now is not recorded yet");
        }
        return at;
    }
}
