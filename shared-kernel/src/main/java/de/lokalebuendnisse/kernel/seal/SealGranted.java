package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import org.axonframework.serialization.Revision;

/** The seal with everything its grant was based on. */
@Revision("1")
public record SealGranted(AwardPeriod period,
                          BuendnisId buendnisId,
                          String sealName,
                          GrantEvidence evidence,
                          boolean atCeremony,
                          AwardCeremony ceremony) implements SealAwardEvent {
}
