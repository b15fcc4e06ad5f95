package de.lokalebuendnisse.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the query service under {@code lbf.query.*}; defaults in application.yml, documented in the README.
 * The data folder, the event store and MongoDB ({@code lbf.data-dir}, {@code lbf.event-store.*},
 * {@code lbf.mongo.*}) are read by the platform module ({@code PlatformProperties}), the same way in both services.
 */
@ConfigurationProperties(prefix = "lbf")
public record QueryProperties(@DefaultValue Query query) {

    /**
     * @param consistencyWait how long a query that names an event position waits for its projection to reach it
     *                        before it answers 503
     * @param maxPageSize     the largest page a query may ask for
     */
    public record Query(@DefaultValue("3s") Duration consistencyWait,
                        @DefaultValue("200") int maxPageSize) {
    }
}
