package de.lokalebuendnisse.command.testing;

import de.lokalebuendnisse.command.CommandServiceApplication;
import de.lokalebuendnisse.platform.testing.ServiceRunner;

import java.nio.file.Path;

/** The real command service in the test's JVM, on the data folder of the reading service under test. */
public final class CommandServiceRunner {

    private CommandServiceRunner() {
    }

    public static ServiceRunner start(Path dataDir) {
        return ServiceRunner.start(CommandServiceApplication.class, "command-service", dataDir);
    }
}
