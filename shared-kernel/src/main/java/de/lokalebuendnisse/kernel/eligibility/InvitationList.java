package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.common.AwardPeriod;

import java.util.List;

/**
 * Whom the office invites to the period's Zukunftswerkstätten, ordered by alliance id. Carries the primary contacts
 * in clear text: an answer for staff, never stored.
 */
public record InvitationList(AwardPeriod period, List<ScheduledWerkstatt> werkstaetten, List<Invitee> invitees) {

    public InvitationList {
        werkstaetten = List.copyOf(werkstaetten);
        invitees = List.copyOf(invitees);
    }
}
