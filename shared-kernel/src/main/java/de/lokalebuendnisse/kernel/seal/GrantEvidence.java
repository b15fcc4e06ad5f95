package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;

/**
 * Everything a grant was based on.
 *
 * @param survey         the survey outcome; null for a renewal that did not need one
 * @param previousPeriod the period whose seal was renewed; null for a grant through the survey
 */
public record GrantEvidence(GrantBasis basis,
                            GrantRule rule,
                            RenewalRule renewalRule,
                            SurveyOutcome survey,
                            WerkstattAttendance attendance,
                            AwardPeriod previousPeriod,
                            BuendnisStatus status) {
}
