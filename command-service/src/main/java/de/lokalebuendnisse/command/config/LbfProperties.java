package de.lokalebuendnisse.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of this service under {@code lbf.*}; defaults in application.yml, documented in the README.
 */
@ConfigurationProperties(prefix = "lbf")
public record LbfProperties(@DefaultValue("./data") String dataDir,
                            @DefaultValue EventStore eventStore,
                            @DefaultValue Mongo mongo,
                            @DefaultValue Api api) {

    /** @param jdbcUrl the embedded event store; both services open the same H2 file (AUTO_SERVER) */
    public record EventStore(String jdbcUrl,
                             @DefaultValue("sa") String username,
                             @DefaultValue("") String password,
                             @DefaultValue("5") int maxPoolSize) {
    }

    /**
     * @param uri           a MongoDB connection string; empty starts the embedded stand-in
     * @param embeddedFile  the stand-in's H2 file
     * @param embeddedPort  the stand-in's loopback port; 0 picks a free one
     */
    public record Mongo(@DefaultValue("") String uri,
                        @DefaultValue("lbf-command") String database,
                        String embeddedFile,
                        @DefaultValue("0") int embeddedPort) {
    }

    /** @param commandTimeoutSeconds how long an HTTP request waits for its command's outcome */
    public record Api(@DefaultValue("30") int commandTimeoutSeconds,
                      @DefaultValue("anonymous") String defaultCaller) {
    }
}
