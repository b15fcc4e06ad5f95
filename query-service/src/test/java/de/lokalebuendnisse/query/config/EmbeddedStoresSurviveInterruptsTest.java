package de.lokalebuendnisse.query.config;

import de.lokalebuendnisse.query.QueryServiceApplication;
import de.lokalebuendnisse.platform.testing.EmbeddedStoresSurviveInterruptsContract;

/** The embedded H2 stores as configured by default stay usable when a thread writing to them is interrupted. */
class EmbeddedStoresSurviveInterruptsTest extends EmbeddedStoresSurviveInterruptsContract {

    @Override
    protected Class<?> serviceApplication() {
        return QueryServiceApplication.class;
    }
}
