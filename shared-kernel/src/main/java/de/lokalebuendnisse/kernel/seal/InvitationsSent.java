package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * The office invited these alliances to these Werkstätten of the period. Who sent them is the verified caller in the
 * event's metadata; the event names no person.
 *
 * @param sentOn the day the invitations were recorded as sent (Europe/Berlin)
 */
@Revision("1")
public record InvitationsSent(AwardPeriod period,
                              List<BuendnisId> buendnisIds,
                              List<WerkstattId> werkstattIds,
                              InvitationChannel channel,
                              LocalDate sentOn) implements SealAwardEvent {

    public InvitationsSent {
        buendnisIds = List.copyOf(buendnisIds);
        werkstattIds = List.copyOf(werkstattIds);
    }
}
