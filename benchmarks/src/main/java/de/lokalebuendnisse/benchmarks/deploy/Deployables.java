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

    /**
     * The CPU time a process has used so far in seconds (user and system, from {@code /proc/<pid>/stat}, in the
     * kernel's fixed unit of 1/100 s); -1 where there is none.
     */
    static double cpuSeconds(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name in parentheses may hold spaces: the fields counted from its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
