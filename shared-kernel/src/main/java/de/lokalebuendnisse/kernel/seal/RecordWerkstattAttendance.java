package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A representative is named by organisation only; people's names stay out of events. */
public record RecordWerkstattAttendance(@TargetAggregateIdentifier AwardPeriod period,
                                        WerkstattId werkstattId,
                                        BuendnisId buendnisId,
                                        AttendanceMode mode,
                                        String representativeOrganisation) {

    public RecordWerkstattAttendance {
        Require.present(period, "period");
        Require.present(werkstattId, "werkstattId");
        Require.present(buendnisId, "buendnisId");
        Require.present(mode, "mode");
        representativeOrganisation = Require.optionalText(representativeOrganisation, "representativeOrganisation", 200);
        if (mode == AttendanceMode.REPRESENTATIVE && representativeOrganisation == null) {
            throw new InvalidValueException("representativeOrganisation", "required-for-representative",
                    "must name the representative's organisation when mode is REPRESENTATIVE");
        }
        if (mode == AttendanceMode.SELF && representativeOrganisation != null) {
            throw new InvalidValueException("representativeOrganisation", "only-for-representative",
                    "must be empty when the alliance attended itself (mode SELF)");
        }
    }
}
