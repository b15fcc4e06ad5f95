package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.common.Require;

import java.net.URI;
import java.time.LocalDate;
import java.util.Set;

/**
 * What the directory shows of a Bündnis. Holds no personal data: contact persons come later, encrypted.
 *
 * @param website optional; http or https
 */
public record BuendnisProfile(String name,
                              MunicipalityKey municipalityKey,
                              String place,
                              Bundesland bundesland,
                              OrganisationForm organisationForm,
                              LocalDate foundedOn,
                              String website,
                              Set<FieldOfAction> fieldsOfAction,
                              Set<FutureTopic> futureTopics) {

    public BuendnisProfile {
        name = Require.text(name, "name", 200);
        Require.present(municipalityKey, "municipalityKey");
        place = Require.text(place, "place", 120);
        Require.present(bundesland, "bundesland");
        Require.present(organisationForm, "organisationForm");
        Require.present(foundedOn, "foundedOn");
        website = Require.optionalText(website, "website", 300);
        fieldsOfAction = Require.set(fieldsOfAction, "fieldsOfAction");
        futureTopics = Require.set(futureTopics == null ? Set.of() : futureTopics, "futureTopics");
        if (!municipalityKey.liesIn(bundesland)) {
            throw new InvalidValueException("municipalityKey", "ags-matches-bundesland",
                    "first two digits " + municipalityKey.value().substring(0, 2) + " do not belong to "
                            + bundesland.isoCode() + " (expected " + bundesland.agsPrefix() + ")");
        }
        if (fieldsOfAction.isEmpty()) {
            throw new InvalidValueException("fieldsOfAction", "not-empty", "must name at least one field of action");
        }
        if (website != null && !isWebAddress(website)) {
            throw new InvalidValueException("website", "http-url", "must be an http or https address");
        }
    }

    private static boolean isWebAddress(String candidate) {
        try {
            URI uri = URI.create(candidate);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
