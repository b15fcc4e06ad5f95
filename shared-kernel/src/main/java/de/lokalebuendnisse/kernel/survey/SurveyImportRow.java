package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.Refusal;

import java.util.List;

/**
 * One answer row of an import file as the mapping read it: the alliance (null when the row names none that the
 * mapping knows), the scores of the answered criteria, the interest (null when not readable) and the problems
 * found while reading it (an unknown answer code, a broken number, ...). Rules of the campaign are checked by the
 * campaign.
 */
public record SurveyImportRow(int rowNumber,
                              BuendnisId buendnisId,
                              List<CriterionScore> scores,
                              Boolean projektZukunftInterest,
                              List<Refusal.Reason> problems) {

    public SurveyImportRow {
        scores = List.copyOf(scores);
        problems = List.copyOf(problems);
    }
}
