package de.lokalebuendnisse.platform.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh data folder for a service under test, so its embedded stores start empty and are its own. */
public final class TemporaryDataFolder {

    private TemporaryDataFolder() {
    }

    /** Creates a folder named after {@code prefix} and hands it to the service as {@code lbf.data-dir}. */
    public static Path register(DynamicPropertyRegistry registry, String prefix) {
        try {
            Path data = Files.createTempDirectory(prefix);
            registry.add("lbf.data-dir", data::toString);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
