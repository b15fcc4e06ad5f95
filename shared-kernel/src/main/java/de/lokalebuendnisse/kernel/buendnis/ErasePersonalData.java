package de.lokalebuendnisse.kernel.buendnis;

import de.lokalebuendnisse.kernel.common.Require;
import de.lokalebuendnisse.kernel.person.ErasureBasis;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.PersonalDataText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erases a person's data (Art. 17 GDPR) by deleting the person's key. The reason is recorded in plain and so must
 * hold no personal data ({@link PersonalDataText}).
 */
public record ErasePersonalData(@TargetAggregateIdentifier BuendnisId buendnisId, PersonId personId,
                                ErasureBasis legalBasis, String reason) {

    public ErasePersonalData {
        Require.present(buendnisId, "buendnisId");
        Require.present(personId, "personId");
        Require.present(legalBasis, "legalBasis");
        reason = PersonalDataText.refusePersonalData(Require.optionalText(reason, "reason", 500), "reason");
    }
}
