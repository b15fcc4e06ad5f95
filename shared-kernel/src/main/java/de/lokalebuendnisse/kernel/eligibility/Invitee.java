package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.InvitationChannel;

import java.time.LocalDate;

/**
 * One alliance on an invitation list.
 *
 * @param basis          SURVEY (sufficient outcome and interest in Projekt Zukunft) or RENEWAL (previous holder)
 * @param primaryContact null when the alliance has no primary contact person
 * @param invitedOn      the day the latest invitation was recorded as sent; null while none is
 * @param channel        the channel of that invitation; null while none is recorded
 */
public record Invitee(BuendnisId buendnisId,
                      String name,
                      String place,
                      Bundesland bundesland,
                      GrantBasis basis,
                      InviteeContact primaryContact,
                      LocalDate invitedOn,
                      InvitationChannel channel) {
}
