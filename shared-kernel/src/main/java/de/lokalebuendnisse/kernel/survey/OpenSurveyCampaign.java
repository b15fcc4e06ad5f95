package de.lokalebuendnisse.kernel.survey;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Opens the yearly Bündnisumfrage; criteria, scale, threshold and window are fixed from here on. */
public record OpenSurveyCampaign(@TargetAggregateIdentifier CampaignYear year,
                                 String title,
                                 List<SealCriterion> criteria,
                                 AnswerScale scale,
                                 BigDecimal threshold,
                                 LocalDate opensOn,
                                 LocalDate closesOn) {

    public OpenSurveyCampaign {
        Require.present(year, "year");
        title = Require.text(title, "title", 200);
        criteria = Require.nonEmptyList(criteria, "criteria");
        Require.present(scale, "scale");
        Require.present(threshold, "threshold");
        Require.present(opensOn, "opensOn");
        Require.present(closesOn, "closesOn");
        if (criteria.stream().map(SealCriterion::id).distinct().count() != criteria.size()) {
            throw new InvalidValueException("criteria", "unique-ids", "every criterion id must be unique");
        }
        if (!scale.contains(threshold)) {
            throw new InvalidValueException("threshold", "inside-scale", "must lie inside the scale " + scale);
        }
        if (threshold.scale() > 2) {
            throw new InvalidValueException("threshold", "two-decimals", "must have at most two decimal places");
        }
        threshold = threshold.setScale(2);
        if (closesOn.isBefore(opensOn)) {
            throw new InvalidValueException("closesOn", "not-before-opensOn", "must not lie before opensOn");
        }
    }
}
