package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import org.axonframework.serialization.Revision;

@Revision("1")
public record BuendnisStandingRecorded(AwardPeriod period, BuendnisId buendnisId, BuendnisStatus status,
                                       long sourceSequence) implements SealAwardEvent {
}
