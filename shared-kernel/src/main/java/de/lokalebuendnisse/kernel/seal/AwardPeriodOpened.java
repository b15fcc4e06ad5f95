package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * States the rules of the period, and the holders of the previous period's seal as the event store knew them when
 * the period opened (later changes arrive as {@link PreviousSealStandingRecorded}).
 */
@Revision("1")
public record AwardPeriodOpened(AwardPeriod period,
                                CampaignYear surveyYear,
                                String sealName,
                                AwardCeremony ceremony,
                                GrantRule grantRule,
                                RenewalRule renewalRule,
                                AwardPeriod previousPeriod,
                                List<BuendnisId> previousSealHolders) implements SealAwardEvent {
}
