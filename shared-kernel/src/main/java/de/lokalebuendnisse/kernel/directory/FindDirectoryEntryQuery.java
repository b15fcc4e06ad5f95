package de.lokalebuendnisse.kernel.directory;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;

/**
 * One alliance of the directory; answered with a {@link DirectoryEntry}, or null when it is not registered.
 *
 * @param withContacts whether the contact persons are opened into the answer; only for a caller entitled to their
 *                     personal data (the Servicebüro), otherwise the answer carries their count alone
 */
public record FindDirectoryEntryQuery(BuendnisId buendnisId, boolean withContacts) {

    /** Without the contact persons' personal data. */
    public FindDirectoryEntryQuery(BuendnisId buendnisId) {
        this(buendnisId, false);
    }
}
