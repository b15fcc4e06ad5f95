package de.lokalebuendnisse.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of this service under {@code lbf.api.*}; defaults in application.yml, documented in the README. The data
 * folder, the event store and MongoDB ({@code lbf.data-dir}, {@code lbf.event-store.*}, {@code lbf.mongo.*}) are
 * read by the platform module ({@code PlatformProperties}), the same way in both services.
 */
@ConfigurationProperties(prefix = "lbf")
public record LbfProperties(@DefaultValue Api api, @DefaultValue SurveyImport surveyImport) {

    /** @param commandTimeoutSeconds how long an HTTP request waits for its command's outcome */
    public record Api(@DefaultValue("30") int commandTimeoutSeconds) {
    }

    /**
     * @param maxUploadSize the largest survey import request (file, mapping and multipart framing), in place of
     *                      {@code lbf.api.max-body-size} on that path only
     */
    public record SurveyImport(@DefaultValue("5MB") DataSize maxUploadSize) {
    }
}
