package de.lokalebuendnisse.kernel.eligibility;

import de.lokalebuendnisse.kernel.seal.InvitationChannel;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.seal.GrantBasis;

import java.time.LocalDate;
import java.util.List;

/**
 * One alliance in one award period: each criterion of the period's rule with its state, and the overall status.
 *
 * @param name       from the alliance's profile; null (as place and bundesland) until the profile is known
 * @param basis      the path that meets the rule (ELIGIBLE) or met it (GRANTED, REVOKED); null when MISSING
 * @param missing    when MISSING, every criterion not met with the reason the grant rule gives; else empty
 * @param grant      the seal granted in this period; kept when it is revoked
 * @param revocation why the seal was revoked; null unless REVOKED
 * @param invitedOn  the day the latest invitation to Werkstätten was recorded as sent; null while none is
 * @param invitationChannel the channel of that invitation; null while none is recorded
 */
public record EligibilityEntry(AwardPeriod period,
                               BuendnisId buendnisId,
                               String name,
                               String place,
                               Bundesland bundesland,
                               EligibilityStatus status,
                               GrantBasis basis,
                               List<MissingCriterion> missing,
                               EligibilityCriteria criteria,
                               GrantedSeal grant,
                               RevokedSeal revocation,
                               LocalDate invitedOn,
                               InvitationChannel invitationChannel) {

    public EligibilityEntry {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }
}
