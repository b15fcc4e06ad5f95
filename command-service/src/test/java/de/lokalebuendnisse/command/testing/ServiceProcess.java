package de.lokalebuendnisse.command.testing;

import de.lokalebuendnisse.platform.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service started from its runnable jar as a child process, as an operator starts it: for the tests that kill it
 * with {@code kill -9} ({@link #kill()}) and start it again on the same data folder. Its output goes to a log file
 * in the data folder, named in every failure.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The runnable jar the build made, named by the failsafe configuration ({@code lbf.it.<which>-jar}). */
    public static Path jar(String which) {
        String path = System.getProperty("lbf.it." + which + "-jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("no runnable jar for " + which + " at " + path + ": run 'mvnw verify'");
        }
        return Path.of(path);
    }

    /** Starts the jar on {@code port} with {@code dataDir} and waits until it reports healthy. */
    public static ServiceProcess start(String name, Path jar, Path dataDir, int port, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port,
                "--lbf.data-dir=" + dataDir));
        command.addAll(TestTokens.processSettings());
        command.addAll(List.of(arguments));
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolve(name + "-" + Instant.now().toEpochMilli() + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ServiceProcess service = new ServiceProcess(name, process, port, log);
            service.awaitHealthy(Duration.ofSeconds(120));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999): a port the system handed out for port 0 could be
     * handed out again, before the child binds it, to a socket of its own that asks for port 0 (the stand-in's),
     * and the child then ended at start-up with "Port … was already in use".
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port found between 20000 and 32000"));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    private void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                // the log lives in a temporary folder the test removes: its end goes into the failure
                throw new IllegalStateException(name + " ended at start-up (exit " + process.exitValue()
                        + "); last lines of " + log + ":\n" + tail(40));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " did not report healthy within " + timeout + "; see " + log);
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        waitForEnd();
    }

    /** A graceful stop (SIGTERM). */
    public void stop() {
        process.destroy();
        waitForEnd();
    }

    private void waitForEnd() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
