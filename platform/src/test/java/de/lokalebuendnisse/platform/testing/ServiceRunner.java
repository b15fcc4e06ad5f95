package de.lokalebuendnisse.platform.testing;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs another real service in this JVM on the same data folder as the service under test (for instance the command
 * service beside a read side), so commands go in through its HTTP API and reach the reading side through the shared
 * embedded event store, as with {@code ./run.sh}.
 * <p>
 * Every service keeps its settings in {@code application.yml} at the root of its class path; on a shared test class
 * path the tested service's own would win, so the other service is started with its own file, copied out of its jar
 * (found by its module's name in the URL), as its only config location. It trusts the tests' token issuer
 * ({@link TestTokens}).
 */
public final class ServiceRunner implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ServiceRunner(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param application the service's application class
     * @param module      the service's module, whose {@code application.yml} is used (e.g. {@code command-service})
     * @param settings    further settings, e.g. {@code --lbf.mongo.embedded-file=…}
     */
    public static ServiceRunner start(Class<?> application, String module, Path dataDir, String... settings) {
        return run(application, module, dataDir,
                List.of("--" + TestTokens.ISSUER_SETTING, "--" + TestTokens.KEY_SETTING), settings);
    }

    /**
     * Like {@link #start}, but trusting a real issuer instead of the tests' key: tokens are verified as in
     * production, with the keys found through the issuer's discovery document and key set (the embedded issuer,
     * Keycloak).
     */
    public static ServiceRunner startTrusting(String issuerUri, Class<?> application, String module, Path dataDir,
                                              String... settings) {
        return run(application, module, dataDir, List.of("--lbf.security.issuer-uri=" + issuerUri), settings);
    }

    private static ServiceRunner run(Class<?> application, String module, Path dataDir, List<String> trust,
                                     String... settings) {
        Path config = configOf(module, dataDir);
        List<String> args = new ArrayList<>(List.of("--spring.config.location=" + config.toUri(),
                "--server.port=0",
                "--lbf.data-dir=" + dataDir,
                "--spring.application.name=" + module));
        args.addAll(trust);
        args.addAll(List.of(settings));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(args.toArray(String[]::new));
        return new ServiceRunner(context);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private static Path configOf(String module, Path dataDir) {
        try {
            for (URL url : Collections.list(ServiceRunner.class.getClassLoader().getResources("application.yml"))) {
                if (url.toString().contains("/" + module + "/") || url.toString().contains("/" + module + "-")) {
                    Path copy = Files.createDirectories(dataDir.resolve("config")).resolve(module + ".yml");
                    try (InputStream in = url.openStream()) {
                        Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    return copy;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the application.yml of " + module + " is not on the test class path");
    }

    @Override
    public void close() {
        context.close();
    }
}
