package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

@Revision("1")
public record WerkstattScheduled(AwardPeriod period,
                                 WerkstattId werkstattId,
                                 String region,
                                 String place,
                                 LocalDate date,
                                 WerkstattFormat format) implements SealAwardEvent {
}
