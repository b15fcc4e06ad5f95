package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.common.Refusal;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A survey export was imported: which file (name, format, SHA-256), read by which mapping, how many rows were
 * submitted, amended, unchanged or refused, and why each refused row was refused. The submissions and amendments
 * themselves are the {@link SurveySubmitted} and {@link SurveyAmended} recorded with it in the same unit.
 */
@Revision("1")
public record SurveyAnswersImported(CampaignYear year,
                                    String importId,
                                    SurveyImportSource source,
                                    SurveyImportMapping mapping,
                                    int submitted,
                                    int amended,
                                    int unchanged,
                                    int refused,
                                    List<RefusedRow> refusedRows) implements SurveyCampaignEvent {

    /** A skipped row with every rule it failed. */
    public record RefusedRow(int rowNumber, String buendnisId, List<Refusal.Reason> problems) {
    }
}
