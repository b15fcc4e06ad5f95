package de.lokalebuendnisse.kernel.directory;

import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;

/**
 * Searches the directory. Every filter is optional; {@code text} finds names and places regardless of case and
 * umlauts ("bundnis", "Buendnis" and "Bündnis" find the same).
 *
 * @param seal       alliances that hold the seal of this period (granted, not revoked)
 * @param descending sorts from high to low
 * @param page       zero-based
 */
public record FindDirectoryEntriesQuery(String text,
                                        Bundesland bundesland,
                                        FutureTopic topic,
                                        BuendnisStatus status,
                                        OrganisationForm form,
                                        AwardPeriod seal,
                                        DirectorySort sort,
                                        boolean descending,
                                        int page,
                                        int size) {
}
