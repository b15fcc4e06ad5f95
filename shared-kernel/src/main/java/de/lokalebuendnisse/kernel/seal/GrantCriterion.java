package de.lokalebuendnisse.kernel.seal;

/**
 * The criteria of the period's grant rule: a refusal lists every one that is not met (the first seven), and an
 * explanation names each as it was judged. {@link #PREVIOUS_SEAL_HELD} is never missing on its own: it opens the
 * renewal path where the period's renewal rule allows it, so only explanations name it.
 */
public enum GrantCriterion {
    PERIOD_OPEN,
    BUENDNIS_ACTIVE,
    NOT_YET_GRANTED,
    NOT_REVOKED_IN_PERIOD,
    SURVEY_SUFFICIENT,
    PROJEKT_ZUKUNFT_INTEREST,
    WERKSTATT_ATTENDED,
    PREVIOUS_SEAL_HELD
}
