package de.lokalebuendnisse.kernel.seal;

import java.time.LocalDate;

/** An attendance with the Werkstatt it happened at, so grant evidence reads without looking back. */
public record WerkstattAttendance(WerkstattId werkstattId,
                                  String region,
                                  String place,
                                  LocalDate date,
                                  WerkstattFormat format,
                                  AttendanceMode mode,
                                  String representativeOrganisation) {
}
