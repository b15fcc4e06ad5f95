package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record ScheduleWerkstatt(@TargetAggregateIdentifier AwardPeriod period,
                                WerkstattId werkstattId,
                                String region,
                                String place,
                                LocalDate date,
                                WerkstattFormat format) {

    public ScheduleWerkstatt {
        Require.present(period, "period");
        Require.present(werkstattId, "werkstattId");
        region = Require.text(region, "region", 200);
        place = Require.text(place, "place", 200);
        Require.present(date, "date");
        Require.present(format, "format");
    }
}
