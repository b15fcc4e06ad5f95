package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;

/** {@code BUENDNIS_ACTIVE}: paused and dissolved alliances take part in nothing. */
public record ActiveCriterion(boolean met, BuendnisStatus status) {
}
