package de.lokalebuendnisse.platform.personal;

import de.lokalebuendnisse.kernel.person.PersonId;

/**
 * Sealed personal data did not open with the person's key: it was altered, or it belongs to another person. Never
 * answered with whatever the decryption gave; never carries the data.
 */
public class PersonalDataUnreadableException extends RuntimeException {

    public PersonalDataUnreadableException(PersonId personId, String what, Throwable cause) {
        super("the personal data of person " + personId + " cannot be opened: " + what, cause);
    }
}
