package de.lokalebuendnisse.kernel.directory;

import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the directory shows of one Bündnis.
 *
 * @param bundesland     ISO 3166-2 code, e.g. DE-NW
 * @param partnersByType how many partners of each type (types without partners are left out)
 * @param sealsHeld      periods whose seal it holds (granted, not revoked)
 * @param seals          every seal ever granted, revoked ones included
 * @param lastSurvey     its newest survey result; null when it never took part
 * @param contactCount   how many contact persons it has
 * @param contacts       its contact persons, primary first, opened for staff; only in the answer about one alliance,
 *                       null in a list (a list shows no personal data)
 */
public record DirectoryEntry(String buendnisId,
                             String name,
                             String place,
                             String municipalityKey,
                             String bundesland,
                             String bundeslandName,
                             OrganisationForm organisationForm,
                             LocalDate foundedOn,
                             String website,
                             List<FieldOfAction> fieldsOfAction,
                             List<FutureTopic> futureTopics,
                             BuendnisStatus status,
                             int partnerCount,
                             Map<PartnerType, Integer> partnersByType,
                             List<DirectoryPartner> partners,
                             List<String> sealsHeld,
                             List<DirectorySeal> seals,
                             DirectorySurvey lastSurvey,
                             int contactCount,
                             List<DirectoryContact> contacts) {
}
