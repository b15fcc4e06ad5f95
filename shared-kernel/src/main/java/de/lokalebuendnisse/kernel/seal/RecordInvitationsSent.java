package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.LinkedHashSet;
import java.util.List;

/** Record that invitations to Werkstätten of the period went out to these alliances. Duplicates in a list count once. */
public record RecordInvitationsSent(@TargetAggregateIdentifier AwardPeriod period,
                                    List<BuendnisId> buendnisIds,
                                    List<WerkstattId> werkstattIds,
                                    InvitationChannel channel) {

    public RecordInvitationsSent {
        Require.present(period, "period");
        buendnisIds = List.copyOf(new LinkedHashSet<>(Require.nonEmptyList(buendnisIds, "buendnisIds")));
        werkstattIds = List.copyOf(new LinkedHashSet<>(Require.nonEmptyList(werkstattIds, "werkstattIds")));
        Require.present(channel, "channel");
    }
}
