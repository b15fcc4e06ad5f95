package de.lokalebuendnisse.kernel.directory;

/**
 * A contact person as the directory shows it to staff: opened from the sealed details at read time, never stored in
 * plain. Once the person's data is erased every personal field holds the placeholder "gelöscht" and {@code erased}
 * is true (the contact itself leaves the directory as soon as the erasure is projected).
 *
 * @param function   the {@link de.lokalebuendnisse.kernel.person.ContactFunction} name; null once erased
 * @param engagement the {@link de.lokalebuendnisse.kernel.person.Engagement} name; null once erased
 * @param primary    whether this is the alliance's primary contact
 */
public record DirectoryContact(String personId,
                               boolean primary,
                               String name,
                               String function,
                               String functionLabel,
                               String engagement,
                               String engagementLabel,
                               String email,
                               String phone,
                               String language,
                               boolean erased) {
}
