package de.lokalebuendnisse.platform.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each service's embedded H2 stores, as its application.yml configures them by default, must withstand: a thread
 * interrupted while it writes ({@link EmbeddedStoreUrls}); and that the service itself does not interrupt its
 * handlers. A service's test names its application class.
 */
public abstract class EmbeddedStoresSurviveInterruptsContract {

    @TempDir
    Path dataDir;

    /** The service's application class: its application.yml is the one tested. */
    protected abstract Class<?> serviceApplication();

    /**
     * Axon's handler and unit-of-work timeouts (on by default: 30 s and 60 s) interrupt the thread, also inside a
     * JDBC write, and an interrupt while H2 commits can close the database. A slow handler is left to finish; callers
     * of the API have their own timeout.
     */
    @Test
    void the_service_does_not_interrupt_its_handlers_past_a_timeout() {
        assertThat(EmbeddedStoreUrls.configuredValue(serviceApplication(), "axon.timeout.enabled")).isEqualTo(false);
    }

    @Test
    void the_event_store_stays_open_when_a_writer_is_interrupted() throws Exception {
        EmbeddedStoreUrls.assertWritesWithTheInterruptFlagSet(
                EmbeddedStoreUrls.configured(serviceApplication(), "event-store", dataDir));
    }

    @Test
    void the_key_store_of_personal_data_stays_open_when_a_writer_is_interrupted() throws Exception {
        EmbeddedStoreUrls.assertWritesWithTheInterruptFlagSet(
                EmbeddedStoreUrls.configured(serviceApplication(), "personal", dataDir));
    }
}
