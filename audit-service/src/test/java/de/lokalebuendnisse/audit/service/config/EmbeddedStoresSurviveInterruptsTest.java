package de.lokalebuendnisse.audit.service.config;

import de.lokalebuendnisse.audit.service.AuditServiceApplication;
import de.lokalebuendnisse.platform.testing.EmbeddedStoreUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The embedded H2 stores as configured by default stay usable when a thread writing to them is interrupted. */
class EmbeddedStoresSurviveInterruptsTest {

    @TempDir
    Path dataDir;

    @Test
    void the_event_store_stays_open_when_writers_are_interrupted() throws Exception {
        EmbeddedStoreUrls.assertSurvivesInterruptedWriters(
                EmbeddedStoreUrls.configured(AuditServiceApplication.class, "event-store", dataDir));
    }

    @Test
    void the_key_store_of_personal_data_stays_open_when_writers_are_interrupted() throws Exception {
        EmbeddedStoreUrls.assertSurvivesInterruptedWriters(
                EmbeddedStoreUrls.configured(AuditServiceApplication.class, "personal", dataDir));
    }
}
