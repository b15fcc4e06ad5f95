package de.lokalebuendnisse.platform.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of a read-side service (query service, auditors' service) under {@code lbf.query.*}; defaults in each
 * service's application.yml, documented in the README. The data folder, the event store and MongoDB are read by
 * {@code PlatformProperties}, the same way in every service.
 */
@ConfigurationProperties(prefix = "lbf")
public record ReadSideProperties(@DefaultValue Query query, @DefaultValue Rebuild rebuild) {

    /**
     * @param consistencyWait how long a query that names an event position waits for its projection to reach it
     *                        before it answers 503
     * @param maxPageSize     the largest page a query may ask for
     */
    public record Query(@DefaultValue("3s") Duration consistencyWait,
                        @DefaultValue("200") int maxPageSize) {
    }

    /**
     * @param windowDocuments the documents a replay window may hold before it is written ({@link ReplayWindows})
     * @param windowAge       how long a replay window may stay open before it is written: at most the work a crash
     *                        during a rebuild makes it do again
     * @param windowBehind    from how many events behind the head a catch-up that is no replay uses windows too (a
     *                        service started after a pause); 0: replays only
     */
    public record Rebuild(@DefaultValue("1500") int windowDocuments,
                          @DefaultValue("5s") Duration windowAge,
                          @DefaultValue("10000") long windowBehind) {
    }
}
