package de.lokalebuendnisse.audit.service.testing;

import de.lokalebuendnisse.audit.service.AuditServiceApplication;
import de.lokalebuendnisse.platform.testing.ServiceRunner;

import java.nio.file.Path;

/**
 * The real auditors' service in the test's JVM, on the data folder of the services under test, with a MongoDB
 * stand-in file of its own (the other reading service keeps its own).
 */
public final class AuditServiceRunner {

    private AuditServiceRunner() {
    }

    public static ServiceRunner start(Path dataDir) {
        return ServiceRunner.start(AuditServiceApplication.class, "audit-service", dataDir);
    }
}
