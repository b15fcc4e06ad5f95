package de.lokalebuendnisse.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
     * @param embeddedCompactFillRate below which share of live data (percent, 1 to 100) in the stand-in's H2 file
     *                                MVStore's background writer rewrites chunks to shrink it (H2's
     *                                {@code autoCompactFillRate}; default H2's own 90). While the file is idle H2
     *                                rewrites until the chunks are that full, as right after a start: at a million
     *                                events the query service's directory answered its first query 0.6 to 1 s later
     *                                than with 50 or 70. While the file is busy H2 aims at the square of the rate
     *                                (81 %) and rewrites only chunks whose live share is below twice that less 100
     *                                (62 %): below 72 it never rewrites a busy file, and with 50 and 70 the file grew
     *                                to 9.3 times its documents in a million-event catch-up (2.2 with 90), without a
     *                                bound under a load that never pauses (README, "Performance")
     * @param embeddedCacheSize how much of the stand-in's H2 file H2 keeps decoded in the heap (its page cache, whole
     *                          megabytes; default H2's own 16MB). The auditors' service, whose history is written
     *                          once and read in scans, sets 4MB: what a busy cache drops is promoted and then freed
     *                          by full collections (README, "Performance", twenty-first part)
     */
    public record Mongo(@DefaultValue("") String uri,
                        String database,
                        String embeddedFile,
                        @DefaultValue("0") int embeddedPort,
                        @DefaultValue("false") boolean embeddedInMemory,
                        @DefaultValue("45s") Duration embeddedRetention,
                        @DefaultValue("90") int embeddedCompactFillRate,
                        @DefaultValue("16MB") DataSize embeddedCacheSize) {

        /** True when the documents start empty at every start: the stand-in, in memory. */
        public boolean startsEmpty() {
            return uri.isBlank() && embeddedInMemory;
        }
    }
}
