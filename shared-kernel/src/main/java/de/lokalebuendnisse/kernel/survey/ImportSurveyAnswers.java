package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Imports the answer rows of one survey export into the campaign, decided as one unit: every good row is submitted
 * or amended, every other row is reported with its problems and skipped. A dry run answers the same report and
 * records nothing.
 */
public record ImportSurveyAnswers(@TargetAggregateIdentifier CampaignYear year,
                                  String importId,
                                  SurveyImportSource source,
                                  SurveyImportMapping mapping,
                                  List<SurveyImportRow> rows,
                                  boolean dryRun) {

    public ImportSurveyAnswers {
        Require.present(year, "year");
        importId = Require.text(importId, "importId", 80);
        Require.present(source, "source");
        Require.present(mapping, "mapping");
        rows = Require.list(rows, "rows");
    }
}
