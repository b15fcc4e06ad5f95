package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AwardPeriodClosed(AwardPeriod period, int sealsGranted, int sealsRevoked) implements SealAwardEvent {
}
