package de.lokalebuendnisse.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak (the distribution {@code org.keycloak:keycloak-quarkus-dist} that the Maven profile
 * {@code keycloak} unpacks under {@code target/}), started with {@code kc.sh start-dev --import-realm} on loopback
 * with the realm file of the repository, on free ports, with an in-memory database (nothing survives a run), and
 * stopped with everything it started, also when a test fails or the test JVM ends.
 */
public final class KeycloakProcess implements AutoCloseable {

    static final String ADMIN_USER = "lbf-test-admin";
    static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    final int port;
    final String adminPassword;
    final Map<String, String> clientSecrets;
    final Path log;
    final Duration startTime;
    private final Process process;
    private final Thread shutdownHook;

    private KeycloakProcess(int port, String adminPassword, Map<String, String> clientSecrets, Path log,
            Process process, Duration startTime, Thread shutdownHook) {
        this.port = port;
        this.adminPassword = adminPassword;
        this.clientSecrets = clientSecrets;
        this.log = log;
        this.process = process;
        this.startTime = startTime;
        this.shutdownHook = shutdownHook;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String issuer() {
        return baseUrl() + "/realms/lbf";
    }

    /**
     * @param home    the unpacked distribution ({@code bin/kc.sh} in it)
     * @param javaHome a JDK 21 or newer, for the Keycloak process only
     * @param realmFile the realm file of the repository, copied into {@code data/import}
     * @param clientSecrets environment variable to value, the secrets the realm file's placeholders resolve to
     */
    static KeycloakProcess start(Path home, Path javaHome, Path realmFile, Path workDir,
            Map<String, String> clientSecrets, String adminPassword) throws IOException, InterruptedException {
        Path kcSh = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(kcSh)) {
            throw new IllegalStateException("No Keycloak distribution at " + home + " (bin/kc.sh missing). It is "
                    + "unpacked by the Maven profile 'keycloak', which LBF_KEYCLOAK_TESTS=true switches on: run "
                    + "LBF_KEYCLOAK_TESTS=true ./mvnw -B verify (or -pl identity-tests -am), not the test alone.");
        }
        kcSh.toFile().setExecutable(true);
        Path importDir = home.resolve("data/import");
        if (Files.isDirectory(importDir)) {
            try (Stream<Path> old = Files.list(importDir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(importDir);
        Files.copy(realmFile, importDir.resolve("lbf-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(workDir);
        Path log = workDir.resolve("keycloak.log");

        int port = freePort();
        int managementPort = freePort();
        List<String> command = List.of(kcSh.toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--hostname-strict=false",
                "--db=dev-mem",
                "--import-realm");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.remove("JAVA_OPTS");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.putAll(clientSecrets);

        long started = System.nanoTime();
        Process process = builder.start();
        Thread hook = new Thread(() -> kill(process), "stop-keycloak");
        Runtime.getRuntime().addShutdownHook(hook);
        KeycloakProcess keycloak = null;
        try {
            awaitRealm(process, port, log);
            keycloak = new KeycloakProcess(port, adminPassword, clientSecrets, log, process,
                    Duration.ofNanos(System.nanoTime() - started), hook);
            return keycloak;
        } finally {
            if (keycloak == null) {
                kill(process);
                removeHook(hook);
            }
        }
    }

    /** Ready once the imported realm answers its discovery document. */
    private static void awaitRealm(Process process, int port, Path log) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create("http://127.0.0.1:" + port + "/realms/lbf/.well-known/openid-configuration");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue()
                        + " before the realm lbf was served; its log:\n" + tail(log));
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(discovery)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Keycloak did not serve the realm lbf within " + START_TIMEOUT
                + "; its log:\n" + tail(log));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the whole process tree; fails if any of it outlives that, so no Keycloak is left behind unnoticed. */
    @Override
    public void close() {
        kill(process);
        removeHook(shutdownHook);
        if (anythingAlive()) {
            throw new IllegalStateException("a Keycloak process was left behind");
        }
    }

    /** The secret the realm's placeholder for {@code clientId} resolved to in this run. */
    String secretOf(String clientId) {
        return clientSecrets.get(SharedKeycloak.SECRET_VARIABLES.get(clientId));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }

    /** kc.sh runs the server as a child (and a build step before it): stop the whole tree, then make sure. */
    private static void kill(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    boolean anythingAlive() {
        return process.isAlive() || process.descendants().anyMatch(ProcessHandle::isAlive);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    // ---------------------------------------------------------------------------------------------- the JDK 21+

    /**
     * A JDK 21 or newer for Keycloak: {@code LBF_KEYCLOAK_JAVA_HOME} (environment) or {@code lbf.keycloak.java-home}
     * (system property) if set, else the running JVM if it is one, else the newest under {@code /usr/lib/jvm},
     * {@code /usr/java}, {@code /opt/java} or {@code ~/.sdkman/candidates/java}.
     */
    static Optional<Path> findJdk21OrNewer() {
        String configured = System.getProperty("lbf.keycloak.java-home", System.getenv("LBF_KEYCLOAK_JAVA_HOME"));
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            return feature(home) >= 21 ? Optional.of(home) : Optional.empty();
        }
        Path running = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= 21 && Files.isExecutable(running.resolve("bin/java"))) {
            return Optional.of(running);
        }
        List<Path> roots = List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt/java"),
                Path.of(System.getProperty("user.home"), ".sdkman/candidates/java"));
        List<Path> candidates = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> homes = Files.list(root)) {
                    homes.filter(h -> Files.isExecutable(h.resolve("bin/java"))).forEach(candidates::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return candidates.stream()
                .filter(h -> feature(h) >= 21)
                .max(Comparator.comparingInt(KeycloakProcess::feature));
    }

    /** The feature version from the JDK's {@code release} file ({@code JAVA_VERSION="25.0.1"}), 0 if none. */
    static int feature(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(javaHome.resolve("bin/java"))) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String first = version.split("[.+-]")[0];
                    return first.equals("1") ? 8 : Integer.parseInt(first);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
