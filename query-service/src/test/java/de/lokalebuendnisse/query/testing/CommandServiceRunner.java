package de.lokalebuendnisse.query.testing;

import de.lokalebuendnisse.command.CommandServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/**
 * Runs the real command service in this JVM on the same data folder as the query service under test, so commands go
 * in through its HTTP API and reach the query side through the shared embedded event store, as with {@code ./run.sh}.
 * <p>
 * Both services keep their settings in {@code application.yml} at the root of their class path; on this shared test
 * class path the query service's would win, so the command service is started with its own file, copied out of its
 * jar, as its only config location.
 */
public final class CommandServiceRunner implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private CommandServiceRunner(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static CommandServiceRunner start(Path dataDir) {
        Path config = commandServiceConfig(dataDir);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandServiceApplication.class)
                .run("--spring.config.location=" + config.toUri(),
                        "--server.port=0",
                        "--lbf.data-dir=" + dataDir,
                        "--spring.application.name=command-service");
        return new CommandServiceRunner(context);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private static Path commandServiceConfig(Path dataDir) {
        try {
            for (URL url : Collections.list(CommandServiceRunner.class.getClassLoader().getResources("application.yml"))) {
                if (url.toString().contains("command-service")) {
                    Path copy = Files.createDirectories(dataDir.resolve("config")).resolve("command-service.yml");
                    try (InputStream in = url.openStream()) {
                        Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    return copy;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the command service's application.yml is not on the test class path");
    }

    @Override
    public void close() {
        context.close();
    }
}
