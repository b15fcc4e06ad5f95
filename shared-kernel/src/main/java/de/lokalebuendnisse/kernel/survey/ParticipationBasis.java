package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;

/**
 * What the campaign knew of the alliance when it accepted a survey: its status and whether it held the seal that
 * is valid in the campaign year (holders renew through a Werkstatt and do not take the survey).
 */
public record ParticipationBasis(BuendnisStatus status, AwardPeriod sealPeriodChecked, boolean sealHeld) {
}
