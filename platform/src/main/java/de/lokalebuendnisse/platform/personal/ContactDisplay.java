package de.lokalebuendnisse.platform.personal;

import de.lokalebuendnisse.kernel.person.ContactDetails;

/**
 * A contact person as readers show it: the opened details with their German labels, or
 * {@value PersonalDataCipher#ERASED_PLACEHOLDER} in every personal field once the data is erased.
 */
public record ContactDisplay(String name, String function, String functionLabel, String engagement,
                             String engagementLabel, String email, String phone, String language, boolean erased) {

    public static ContactDisplay of(ContactDetails details) {
        return new ContactDisplay(details.name(), details.function().name(), details.function().label(),
                details.engagement().name(), details.engagement().label(), details.email(), details.phone(),
                details.language(), false);
    }

    /** Nothing about the person is known any more, not even the function: all of it was sealed. */
    public static ContactDisplay erasedPerson() {
        String erased = PersonalDataCipher.ERASED_PLACEHOLDER;
        return new ContactDisplay(erased, null, erased, null, erased, erased, erased, null, true);
    }
}
