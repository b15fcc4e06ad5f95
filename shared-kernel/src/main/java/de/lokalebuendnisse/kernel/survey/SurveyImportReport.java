package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.common.Refusal;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answer to an import: per row what happened (or, in a dry run, would happen) with every problem, the problems
 * of the import as a whole, the counts, and whether anything was recorded.
 *
 * @param recorded false for a dry run and for an import that brought nothing new (a repeated file)
 */
public record SurveyImportReport(int year,
                                 String importId,
                                 boolean dryRun,
                                 boolean recorded,
                                 SurveyImportSource source,
                                 Counts counts,
                                 List<Refusal.Reason> importProblems,
                                 List<RowOutcome> rows) {

    public enum Outcome {
        /** A first survey of the alliance in this campaign. */
        SUBMIT,
        /** Other answers than those recorded: an amendment. */
        AMEND,
        /** The answers recorded already: nothing to store. */
        UNCHANGED,
        /** A rule failed: the row is skipped. */
        REFUSED
    }

    public record RowOutcome(int rowNumber, String buendnisId, Outcome outcome, BigDecimal activityLevel,
                             Boolean sufficient, List<Refusal.Reason> problems) {
    }

    public record Counts(int rows, int submit, int amend, int unchanged, int refused) {
    }
}
