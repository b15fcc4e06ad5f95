package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.GrantBasis;

import java.time.Instant;

/**
 * A seal an alliance held at the instant asked for: granted by then and not revoked by then.
 *
 * @param validThrough the last calendar year the seal is valid in (a 2023/24 seal through 2024)
 * @param atCeremony   whether the Bündnisdialog granted it, rather than a single grant
 */
public record SealHolding(AwardPeriod period,
                          BuendnisId buendnisId,
                          String sealName,
                          GrantBasis basis,
                          Instant grantedAt,
                          boolean atCeremony,
                          int validThrough) {
}
