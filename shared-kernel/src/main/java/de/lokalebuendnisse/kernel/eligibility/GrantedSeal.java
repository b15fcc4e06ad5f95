package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.GrantBasis;

import java.time.Instant;

/**
 * The seal as it was granted.
 *
 * @param atCeremony whether the ceremony granted it, rather than a single grant
 * @param grantedAt  when the grant was recorded
 */
public record GrantedSeal(String sealName,
                          GrantBasis basis,
                          boolean atCeremony,
                          AwardCeremony ceremony,
                          Instant grantedAt) {
}
