package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Require;
import de.lokalebuendnisse.kernel.person.PersonalDataText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The reason is recorded in plain for auditors and the public history: no personal data ({@link PersonalDataText}). */
public record RevokeSeal(@TargetAggregateIdentifier AwardPeriod period, BuendnisId buendnisId, String reason) {

    public RevokeSeal {
        Require.present(period, "period");
        Require.present(buendnisId, "buendnisId");
        reason = PersonalDataText.refusePersonalData(Require.text(reason, "reason", 1000), "reason");
    }
}
