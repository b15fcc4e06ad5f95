package de.lokalebuendnisse.kernel.eligibility;

/**
 * An alliance's primary contact person as the invitation list shows it, opened at read time. Once the person's data
 * is erased every field holds the placeholder "gelöscht" and {@code erased} is true.
 *
 * @param language the language the person prefers to be written to
 */
public record InviteeContact(String name, String email, String phone, String language, boolean erased) {

    @Override
    public String toString() {
        return "InviteeContact[personal data not shown]";
    }
}
