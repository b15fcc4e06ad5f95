package de.lokalebuendnisse.platform.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What each service's embedded H2 stores, as its application.yml configures them by default, must withstand: a thread
 * interrupted while it writes ({@link EmbeddedStoreUrls}). A service's test names its application class.
 */
public abstract class EmbeddedStoresSurviveInterruptsContract {

    @TempDir
    Path dataDir;

    /** The service's application class: its application.yml is the one tested. */
    protected abstract Class<?> serviceApplication();

    @Test
    void the_event_store_stays_open_when_writers_are_interrupted() throws Exception {
        EmbeddedStoreUrls.assertSurvivesInterruptedWriters(
                EmbeddedStoreUrls.configured(serviceApplication(), "event-store", dataDir));
    }

    @Test
    void the_key_store_of_personal_data_stays_open_when_writers_are_interrupted() throws Exception {
        EmbeddedStoreUrls.assertSurvivesInterruptedWriters(
                EmbeddedStoreUrls.configured(serviceApplication(), "personal", dataDir));
    }
}
