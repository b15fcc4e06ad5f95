package de.lokalebuendnisse.benchmarks.deploy;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The deployables as an operator runs them: {@code java [its own options] [JAVA_OPTS] -jar
 * <module>/target/<module>-0.1.0-SNAPSHOT-exec.jar} as child processes on loopback ports, output into
 * {@code <dataDir>/logs}. A deployable's own options come first (its heap: {@code ./bench.sh} passes what
 * {@code heap_of} in {@code scripts/jvm-limits.sh} gives it, as {@code ./run.sh} starts it), then {@code javaOptions},
 * the options of every child (the environment's {@code JAVA_OPTS}), so these override them (the last {@code -Xmx}
 * wins). Where
 * {@code scripts/cds.sh} has prepared the jar's unpacked copy and class data archive (as {@code ./bench.sh} and
 * {@code ./run.sh} do), the child starts from them, as with {@code ./run.sh}; else from the runnable jar.
 */
public final class JarDeployables implements Deployables {

    private final Path repository;
    private final Map<String, List<String>> ownOptions;
    private final List<String> javaOptions;
    private final Map<String, Process> running = new LinkedHashMap<>();
    private final Map<String, Path> logFiles = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param ownOptions  per deployable name, options only it starts with (before {@code javaOptions}); a name
     *                    without any starts with {@code javaOptions} alone
     * @param javaOptions the options of every deployable
     */
    public JarDeployables(Path repository, Map<String, List<String>> ownOptions, List<String> javaOptions) {
        this.repository = repository;
        this.ownOptions = Map.copyOf(ownOptions);
        this.javaOptions = List.copyOf(javaOptions);
        // a benchmark stopped with Ctrl-C leaves no service running
        Runtime.getRuntime().addShutdownHook(new Thread(() -> running.values().forEach(Process::destroy)));
    }

    public static Path jar(Path repository, String name) {
        return repository.resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT-exec.jar");
    }

    @Override
    public Started start(String name, Path dataDir, List<String> settings) {
        Path jar = jar(repository, name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no runnable jar " + jar + ": build with ./mvnw -B -q -DskipTests package");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions(name));
        command.addAll(classDataSharing(name, jar));
        command.addAll(List.of("--server.port=" + port, "--lbf.data-dir=" + dataDir));
        command.addAll(settings);
        try {
            Path logs = Files.createDirectories(dataDir.resolve("logs"));
            Path log = logs.resolve(name + "-" + System.currentTimeMillis() + ".log");
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            running.put(name, process);
            logFiles.put(name, log);
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(name, process, base, log);
            return new Started(name, base, process.pid(), (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM options {@code name} starts with: its own, then those of every deployable. */
    public List<String> jvmOptions(String name) {
        List<String> options = new ArrayList<>(ownOptions.getOrDefault(name, List.of()));
        options.addAll(javaOptions);
        return options;
    }

    /**
     * The name of the environment variable with a deployable's own JVM options, as {@code ./bench.sh} sets it:
     * {@code JVM_HEAP_} and the name in capitals with {@code _} for {@code -} ({@code JVM_HEAP_COMMAND_SERVICE}).
     */
    public static String ownOptionsVariable(String name) {
        return "JVM_HEAP_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** Options separated by white space, as a shell splits an unquoted variable; none for null or blank. */
    public static List<String> splitOptions(String options) {
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    /**
     * {@code -XX:SharedArchiveFile=… -jar <unpacked jar>} when {@code scripts/cds.sh} prepared them for this very
     * jar (its folder is named by the jar's SHA-256), else {@code -jar <runnable jar>}.
     */
    static List<String> classDataSharing(String name, Path runnableJar) {
        // absolute, as scripts/cds.sh made the archive: it records the class path, and the JVM checks it at start
        Path jar = runnableJar.toAbsolutePath().normalize();
        Path folder = jar.resolveSibling("cds").resolve(sha256Prefix(jar));
        Path archive = folder.resolve(name + ".jsa");
        Path unpacked = folder.resolve("app").resolve(jar.getFileName());
        if (!"off".equals(System.getenv("LBF_CDS")) && Files.isRegularFile(archive) && Files.isRegularFile(unpacked)) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-jar", unpacked.toString());
        }
        return List.of("-jar", runnableJar.toString());
    }

    private static String sha256Prefix(Path file) {
        try (var in = Files.newInputStream(file)) {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy(String name, Process process, String base, Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended at start-up (exit " + process.exitValue() + "); see "
                        + log);
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
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
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " did not answer healthy within 180 s; see " + log);
    }

    @Override
    public void stop(String name) {
        Process process = running.remove(name);
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            // a stop slower than a few seconds is a finding of its own (a store left locked delays the next start):
            // its threads go next to the service's log, taken beside the wait so the stop's time stays its own
            if (!process.waitFor(3, TimeUnit.SECONDS) && process.isAlive()) {
                threadDump(name, process);
            }
            if (!process.waitFor(57, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void threadDump(String name, Process process) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path dump = logFiles.getOrDefault(name, Path.of(".")).resolveSibling(name + "-slow-stop-"
                + System.currentTimeMillis() + ".txt");
        try {
            // not waited for: jcmd's attach can take seconds on a JVM that is shutting down
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
        } catch (IOException e) {
            // no dump; the stop goes on
        }
    }

    @Override
    public boolean separateProcesses() {
        return true;
    }

    @Override
    public void close() {
        for (String name : new ArrayList<>(running.keySet())) {
            stop(name);
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
}
