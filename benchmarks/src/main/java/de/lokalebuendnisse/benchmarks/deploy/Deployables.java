package de.lokalebuendnisse.benchmarks.deploy;

import java.nio.file.Path;
import java.util.List;

/**
 * Starts and stops the deployables the benchmark measures: as child processes from their runnable jars (the real
 * run, {@link JarDeployables}), or inside the test's JVM (the smoke round).
 */
public interface Deployables extends AutoCloseable {

    /**
     * A started deployable.
     *
     * @param pid            its process id, for its resident memory; the test's own JVM when started in-process
     * @param startupSeconds from the start of the process (or of the application context) until it answered healthy
     */
    record Started(String name, String baseUrl, long pid, double startupSeconds) {
    }

    /** Starts {@code name} (e.g. {@code command-service}) on {@code dataDir} with further settings. */
    Started start(String name, Path dataDir, List<String> settings);

    /** Stops {@code name} gracefully. */
    void stop(String name);

    /** Whether each deployable runs in a process of its own (else their memory is one JVM's). */
    boolean separateProcesses();

    @Override
    void close();

    /** The resident set of a process in KB, from {@code /proc/<pid>/status}; -1 where there is none. */
    static long rssKb(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or the process has ended
        }
        return -1;
    }
}
