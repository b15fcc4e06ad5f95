package de.lokalebuendnisse.kernel.survey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import de.lokalebuendnisse.kernel.common.InvalidValueException;

/** One survey campaign a year; {@link #toString()} is the aggregate identifier in the event store. */
public record CampaignYear(@JsonValue int value) {

    public CampaignYear {
        if (value < 2004 || value > 2999) {
            throw new InvalidValueException("year", "campaign-year", "must be a year from 2004 on");
        }
    }

    @JsonCreator
    public static CampaignYear of(int value) {
        return new CampaignYear(value);
    }

    @Override
    public String toString() {
        return "survey-campaign:" + value;
    }
}
