package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.common.AwardPeriod;

/** Everything that can happen in an award period. */
public sealed interface SealAwardEvent
        permits AwardPeriodOpened, WerkstattScheduled, WerkstattAttended, SurveyOutcomeRecorded,
        BuendnisStandingRecorded, PreviousSealStandingRecorded, SealGranted, AwardCeremonyHeld, SealRevoked,
        AwardPeriodClosed, InvitationsSent {

    AwardPeriod period();
}
