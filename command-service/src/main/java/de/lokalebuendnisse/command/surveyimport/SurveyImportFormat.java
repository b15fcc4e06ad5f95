package de.lokalebuendnisse.command.surveyimport;

import de.lokalebuendnisse.kernel.survey.SubmissionChannel;

import java.util.Arrays;
import java.util.Optional;

/** The files the import reads, by the name a caller gives ({@code format}). */
public enum SurveyImportFormat {

    /** LimeSurvey RemoteControl 2 {@code export_responses(..., 'json', ..., 'code', 'short')}, base64 decoded. */
    LIMESURVEY_JSON("limesurvey-json", SubmissionChannel.ONLINE),
    /** LimeSurvey's CSV export with question codes as headings: UTF-8, with or without BOM, ',' or ';'. */
    LIMESURVEY_CSV("limesurvey-csv", SubmissionChannel.ONLINE),
    /** The Servicebüro's telephone interviews: alliance, one column per criterion, interest, interviewer, date. */
    INTERVIEW_CSV("interview-csv", SubmissionChannel.INTERVIEW);

    private final String formatName;
    private final SubmissionChannel defaultChannel;

    SurveyImportFormat(String formatName, SubmissionChannel defaultChannel) {
        this.formatName = formatName;
        this.defaultChannel = defaultChannel;
    }

    public String formatName() {
        return formatName;
    }

    /** The channel when the mapping names none. */
    public SubmissionChannel defaultChannel() {
        return defaultChannel;
    }

    public static Optional<SurveyImportFormat> of(String name) {
        return Arrays.stream(values()).filter(f -> f.formatName.equals(name)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(SurveyImportFormat::formatName).toList());
    }
}
