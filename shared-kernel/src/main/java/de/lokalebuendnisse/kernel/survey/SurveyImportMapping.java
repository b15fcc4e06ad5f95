package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.common.Require;

import java.util.List;
import java.util.Map;

/**
 * How the columns of a survey export become a survey: which column names the alliance (a token, a participant
 * attribute or the id itself, optionally looked up in {@code allianceIds}), which question code answers which
 * criterion, which answer codes give which score (or, with {@code numericAnswers}, whole numbers are the score
 * itself), which column and answers declare the interest in Projekt Zukunft, and the channel the answers came by.
 * Recorded with the import, so the audit history shows how the file was read.
 */
public record SurveyImportMapping(String allianceColumn,
                                  Map<String, String> allianceIds,
                                  Map<String, String> criteria,
                                  Map<String, Integer> answerScores,
                                  boolean numericAnswers,
                                  String interestColumn,
                                  List<String> interestYes,
                                  List<String> interestNo,
                                  SubmissionChannel channel) {

    public SurveyImportMapping {
        Require.present(allianceColumn, "mapping.allianceColumn");
        allianceIds = allianceIds == null ? Map.of() : Map.copyOf(allianceIds);
        criteria = Map.copyOf(Require.present(criteria, "mapping.criteria"));
        answerScores = answerScores == null ? Map.of() : Map.copyOf(answerScores);
        Require.present(interestColumn, "mapping.interestColumn");
        interestYes = List.copyOf(Require.present(interestYes, "mapping.interestYes"));
        interestNo = List.copyOf(Require.present(interestNo, "mapping.interestNo"));
        Require.present(channel, "mapping.channel");
    }
}
