package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.common.AwardPeriod;

/** The invitation list of an award period; answered with an empty optional when the period is unknown. */
public record FindInvitationListQuery(AwardPeriod period) {
}
