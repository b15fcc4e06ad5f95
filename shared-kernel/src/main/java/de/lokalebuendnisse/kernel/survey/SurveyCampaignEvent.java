package de.lokalebuendnisse.kernel.survey;

/** Everything that can happen to a survey campaign. */
public sealed interface SurveyCampaignEvent
        permits SurveyCampaignOpened, SurveySubmitted, SurveyAmended, SurveyCampaignClosed,
        SurveyAnswersImported {

    CampaignYear year();
}
