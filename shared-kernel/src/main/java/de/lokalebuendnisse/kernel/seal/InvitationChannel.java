package de.lokalebuendnisse.kernel.seal;

/** How the office sent the invitations to the Zukunftswerkstätten. */
public enum InvitationChannel {
    EMAIL,
    LETTER,
    PHONE
}
