package de.lokalebuendnisse.kernel.eligibility;

/**
 * The state of each criterion, named after the grant criteria ({@code SURVEY_SUFFICIENT},
 * {@code PROJEKT_ZUKUNFT_INTEREST}, {@code WERKSTATT_ATTENDED}, {@code BUENDNIS_ACTIVE}) plus the previous seal, which
 * opens the renewal path. Shown whether or not the criterion matters for the alliance's path.
 */
public record EligibilityCriteria(SurveyCriterion surveySufficient,
                                  InterestCriterion projektZukunftInterest,
                                  AttendanceCriterion werkstattAttended,
                                  PreviousSealCriterion previousSeal,
                                  ActiveCriterion buendnisActive) {
}
