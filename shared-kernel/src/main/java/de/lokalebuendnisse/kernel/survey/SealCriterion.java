package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.common.Require;

import java.util.regex.Pattern;

/** A Siegelkriterium: one question block of the survey. Every criterion weighs the same. */
public record SealCriterion(String id, String title) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    public SealCriterion {
        Require.matches(id, ID, "criteria.id", "criterion-id", "must be 1-40 lower-case letters, digits, '-' or '_'");
        title = Require.text(title, "criteria.title", 300);
    }
}
