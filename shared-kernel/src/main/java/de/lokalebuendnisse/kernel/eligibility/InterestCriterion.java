package de.lokalebuendnisse.kernel.eligibility;

/** {@code PROJEKT_ZUKUNFT_INTEREST}: the alliance declared interest in Projekt Zukunft in the survey. */
public record InterestCriterion(boolean met) {
}
