package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import de.lokalebuendnisse.kernel.person.PersonalDataText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The reason is recorded in plain for auditors and the public history: no personal data ({@link PersonalDataText}). */
public record PauseBuendnis(@TargetAggregateIdentifier BuendnisId buendnisId, String reason) {

    public PauseBuendnis {
        Require.present(buendnisId, "buendnisId");
        reason = PersonalDataText.refusePersonalData(Require.optionalText(reason, "reason", 500), "reason");
    }
}
