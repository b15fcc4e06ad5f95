package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattId;

import java.time.LocalDate;

/** A Zukunftswerkstatt scheduled in the period. */
public record ScheduledWerkstatt(WerkstattId werkstattId,
                                 String region,
                                 String place,
                                 LocalDate date,
                                 WerkstattFormat format) {
}
