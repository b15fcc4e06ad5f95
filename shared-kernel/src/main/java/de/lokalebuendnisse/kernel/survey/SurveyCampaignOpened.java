package de.lokalebuendnisse.kernel.survey;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Carries the whole evaluation rule, so a replay years later evaluates exactly as it did then. */
@Revision("1")
public record SurveyCampaignOpened(CampaignYear year,
                                   String title,
                                   List<SealCriterion> criteria,
                                   AnswerScale scale,
                                   BigDecimal threshold,
                                   LocalDate opensOn,
                                   LocalDate closesOn) implements SurveyCampaignEvent {
}
