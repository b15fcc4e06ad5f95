package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import org.axonframework.serialization.Revision;

import java.util.List;

/** Follows the SealGranted events of the ceremony; lists whom it granted the seal. */
@Revision("1")
public record AwardCeremonyHeld(AwardPeriod period, AwardCeremony ceremony, List<BuendnisId> granted)
        implements SealAwardEvent {
}
