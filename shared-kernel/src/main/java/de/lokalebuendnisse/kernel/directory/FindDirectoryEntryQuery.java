package de.lokalebuendnisse.kernel.directory;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;

/** One alliance of the directory; answered with a {@link DirectoryEntry}, or null when it is not registered. */
public record FindDirectoryEntryQuery(BuendnisId buendnisId) {
}
