package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattId;

import java.time.LocalDate;

/**
 * {@code WERKSTATT_ATTENDED}: the alliance attended a Werkstatt of the period, itself or through a representative.
 * The details are those of its first attendance, the one a grant names as evidence; null when there is none.
 *
 * @param representativeOrganisation who attended for the alliance when {@code mode} is REPRESENTATIVE
 */
public record AttendanceCriterion(boolean met,
                                  WerkstattId werkstattId,
                                  String region,
                                  String place,
                                  LocalDate date,
                                  WerkstattFormat format,
                                  AttendanceMode mode,
                                  String representativeOrganisation) {
}
