package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import org.axonframework.serialization.Revision;

@Revision("1")
public record WerkstattAttended(AwardPeriod period, BuendnisId buendnisId, WerkstattAttendance attendance)
        implements SealAwardEvent {
}
