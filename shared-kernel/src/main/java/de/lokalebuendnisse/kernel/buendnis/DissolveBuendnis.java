package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import de.lokalebuendnisse.kernel.person.PersonalDataText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** The reason is recorded in plain for auditors and the public history: no personal data ({@link PersonalDataText}). */
public record DissolveBuendnis(@TargetAggregateIdentifier BuendnisId buendnisId, LocalDate dissolvedOn,
                               String reason) {

    public DissolveBuendnis {
        Require.present(buendnisId, "buendnisId");
        Require.present(dissolvedOn, "dissolvedOn");
        reason = PersonalDataText.refusePersonalData(Require.optionalText(reason, "reason", 500), "reason");
    }
}
