package de.lokalebuendnisse.kernel.directory;

import de.lokalebuendnisse.kernel.seal.GrantBasis;

import java.time.LocalDate;

/**
 * A seal of one award period, as the directory shows it.
 *
 * @param grantedOn     the ceremony's date
 * @param revokedReason null unless revoked
 */
public record DirectorySeal(String period, String sealName, GrantBasis basis, LocalDate grantedOn, boolean revoked,
                            String revokedReason) {
}
