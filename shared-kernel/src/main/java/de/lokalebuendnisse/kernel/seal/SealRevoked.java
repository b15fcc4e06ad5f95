package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import org.axonframework.serialization.Revision;

/** Adds to the history; the grant itself stays. */
@Revision("1")
public record SealRevoked(AwardPeriod period, BuendnisId buendnisId, String reason, GrantBasis grantBasis)
        implements SealAwardEvent {
}
