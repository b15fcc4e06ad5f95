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

    /**
     * A skipped row with every rule it failed. Field and rule only: the answer's own detail may quote a cell of the
     * file, and a mis-mapped column can hold free text (a name, an address) that must never reach the event store.
     */
    public record RefusedRow(int rowNumber, String buendnisId, List<BrokenRule> problems) {

        public RefusedRow {
            problems = List.copyOf(problems);
        }
    }

    public record BrokenRule(String field, String rule) {

        public static BrokenRule of(Refusal.Reason reason) {
            return new BrokenRule(reason.field(), reason.rule());
        }
    }
}
