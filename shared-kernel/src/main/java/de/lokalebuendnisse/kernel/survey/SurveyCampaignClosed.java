package de.lokalebuendnisse.kernel.survey;

import org.axonframework.serialization.Revision;

/** No submissions or amendments after this. */
@Revision("1")
public record SurveyCampaignClosed(CampaignYear year, int submissions, int sufficientSubmissions)
        implements SurveyCampaignEvent {
}
