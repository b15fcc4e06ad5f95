package de.lokalebuendnisse.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of this service under {@code lbf.api.*}; defaults in application.yml, documented in the README. The data
 * folder, the event store and MongoDB ({@code lbf.data-dir}, {@code lbf.event-store.*}, {@code lbf.mongo.*}) are
 * read by the platform module ({@code PlatformProperties}), the same way in both services.
 */
@ConfigurationProperties(prefix = "lbf")
public record LbfProperties(@DefaultValue Api api) {

    /** @param commandTimeoutSeconds how long an HTTP request waits for its command's outcome */
    public record Api(@DefaultValue("30") int commandTimeoutSeconds) {
    }
}
