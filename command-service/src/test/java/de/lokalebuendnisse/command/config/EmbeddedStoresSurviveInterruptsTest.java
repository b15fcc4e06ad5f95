package de.lokalebuendnisse.command.config;

import de.lokalebuendnisse.command.CommandServiceApplication;
import de.lokalebuendnisse.platform.testing.EmbeddedStoresSurviveInterruptsContract;

/** The embedded H2 stores as configured by default stay usable when a thread writing to them is interrupted. */
class EmbeddedStoresSurviveInterruptsTest extends EmbeddedStoresSurviveInterruptsContract {

    @Override
    protected Class<?> serviceApplication() {
        return CommandServiceApplication.class;
    }
}
