package de.lokalebuendnisse.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The settings under {@code lbf.*} that both services read the same way: the data folder, the embedded event store
 * and MongoDB (or its embedded stand-in). Each service keeps its own settings in a record of its own under the same
 * prefix. Where the services' defaults differ ({@code max-pool-size}, {@code database}, {@code embedded-file}) each
 * service's {@code application.yml} gives its own; the README's configuration table lists them.
 */
@ConfigurationProperties(prefix = "lbf")
public record PlatformProperties(@DefaultValue("./data") String dataDir,
                                 @DefaultValue EventStore eventStore,
                                 @DefaultValue Mongo mongo) {

    /**
     * @param jdbcUrl      the embedded event store; both services open the same H2 file (AUTO_SERVER)
     * @param maxPoolSize  its connection pool (command side 5, query side 3, in their application.yml)
     * @param pollInterval how often a reading service looks for events the command side appended
     * @param housekeepingInterval how often the process that hosts an embedded H2 file rewrites its mostly dead chunks
     *                             ({@link de.lokalebuendnisse.platform.jdbc.H2FileHousekeeping}: with
     *                             {@code WRITE_DELAY=0} H2 does not); zero switches it off and the file grows with
     *                             every commit
     * @param housekeepingFillRate below which share of live data (percent) in the file's chunks it rewrites
     * @param cachedEvents the newest events the service's event store keeps in memory for its processors reading near
     *                     the head (Axon's {@code cachedEvents}); a processor further behind reads for itself. Axon's
     *                     default of 10,000 held about 25 MB of each service's 160 MB heap for good once that many
     *                     events had passed (payloads deserialized), and the query service's rebuild then spent most
     *                     of its time collecting the old generation
     */
    public record EventStore(String jdbcUrl,
                             @DefaultValue("sa") String username,
                             @DefaultValue("") String password,
                             int maxPoolSize,
                             @DefaultValue("100ms") Duration pollInterval,
                             @DefaultValue("250ms") Duration housekeepingInterval,
                             @DefaultValue("80") int housekeepingFillRate,
                             @DefaultValue("1000") int cachedEvents) {
    }

    /**
     * @param uri          a MongoDB connection string; empty starts the embedded stand-in
     * @param database     the service's database ({@code lbf-command}, {@code lbf-query})
     * @param embeddedFile the stand-in's H2 file
     * @param embeddedPort the stand-in's loopback port; 0 picks a free one
     * @param embeddedInMemory the stand-in keeps its documents in memory only, no file ({@code embeddedFile} unused):
     *                         for a read side whose documents are all projections, rebuilt from the event store at
     *                         every start (the query service may set it); never where a record must outlive the
     *                         process (the command side's idempotency records, the auditors' chain)
     * @param embeddedRetention how long the stand-in's H2 file keeps space it no longer needs before writing over it
     *                          (H2's retention time; its default 45 s keeps the file readable after a power loss that
     *                          reordered writes). Zero reuses it at once: the file stays a few times the size of its
     *                          documents instead of growing with every update within those 45 s, but a power loss may
     *                          leave it unreadable; only for documents that can be rebuilt (the query service's)
     * @param embeddedCompactFillRate below which share of live data (percent) in the stand-in's H2 file MVStore's
     *                                background writer rewrites chunks to shrink it (H2's {@code autoCompactFillRate},
     *                                1 to 100). H2's default of 90 kept the query service's file rewriting whenever
     *                                it was idle, as right after every start: at a million events the chunks were 65
     *                                to 80 % live, and the rewrite took a core while the directory answered its
     *                                first query; 50 let it grow to 9.3 times its documents while the query
     *                                side caught up a million events (H2 aims at the square of the rate while the
     *                                file is busy), so 70 (README, "Performance")
     */
    public record Mongo(@DefaultValue("") String uri,
                        String database,
                        String embeddedFile,
                        @DefaultValue("0") int embeddedPort,
                        @DefaultValue("false") boolean embeddedInMemory,
                        @DefaultValue("45s") Duration embeddedRetention,
                        @DefaultValue("70") int embeddedCompactFillRate) {

        /** True when the documents start empty at every start: the stand-in, in memory. */
        public boolean startsEmpty() {
            return uri.isBlank() && embeddedInMemory;
        }
    }
}
