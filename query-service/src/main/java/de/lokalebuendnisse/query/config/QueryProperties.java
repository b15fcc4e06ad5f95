package de.lokalebuendnisse.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the query service under {@code lbf.*}; defaults in application.yml, documented in the README.
 */
@ConfigurationProperties(prefix = "lbf")
public record QueryProperties(@DefaultValue("./data") String dataDir,
                              @DefaultValue EventStore eventStore,
                              @DefaultValue Mongo mongo,
                              @DefaultValue Query query) {

    /**
     * @param jdbcUrl      the command side's embedded event store, read by this service (both open the H2 file)
     * @param pollInterval how often the embedded event store looks for events the command side appended
     */
    public record EventStore(String jdbcUrl,
                             @DefaultValue("sa") String username,
                             @DefaultValue("") String password,
                             @DefaultValue("3") int maxPoolSize,
                             @DefaultValue("100ms") Duration pollInterval) {
    }

    /**
     * @param uri          a MongoDB connection string; empty starts the embedded stand-in
     * @param database     projections, their tracking tokens and dead letters, all in one database
     * @param embeddedFile the stand-in's H2 file
     * @param embeddedPort the stand-in's loopback port; 0 picks a free one
     */
    public record Mongo(@DefaultValue("") String uri,
                        @DefaultValue("lbf-query") String database,
                        String embeddedFile,
                        @DefaultValue("0") int embeddedPort) {
    }

    /**
     * @param consistencyWait how long a query that names an event position waits for its projection to reach it
     *                        before it answers 503
     * @param maxPageSize     the largest page a query may ask for
     */
    public record Query(@DefaultValue("3s") Duration consistencyWait,
                        @DefaultValue("200") int maxPageSize) {
    }
}
