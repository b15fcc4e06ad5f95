package de.lokalebuendnisse.benchmarks.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Waits until every deployable is quiet: each used at most {@code maxShare} of a core in every one of
 * {@code quietSeconds} seconds in a row. A figure measured while a service still digests work of an earlier phase (the
 * command side's award intake going through a million copied events, which no endpoint shows) measures that work as
 * well; where a process does work that nothing shows, its CPU time does.
 */
public final class QuietWait {

    /** How the wait ended: after how many seconds, and, if it timed out, which deployables were still busy. */
    public record Outcome(double seconds, boolean quiet, Map<String, Double> lastShares) {
    }

    /** Sleeping, for the tests. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final ToDoubleFunction<String> cpuSeconds;
    private final Sleeper sleeper;
    private final double maxShare;
    private final int quietSeconds;

    /** @param cpuSeconds per deployable name, the CPU seconds its process has used so far */
    public QuietWait(ToDoubleFunction<String> cpuSeconds, Sleeper sleeper, double maxShare, int quietSeconds) {
        this.cpuSeconds = cpuSeconds;
        this.sleeper = sleeper;
        this.maxShare = maxShare;
        this.quietSeconds = quietSeconds;
    }

    /** Samples once a second until {@code names} were quiet long enough, or {@code timeoutSeconds} passed. */
    public Outcome await(Iterable<String> names, int timeoutSeconds, java.util.function.Consumer<Outcome> progress)
            throws InterruptedException {
        Map<String, Double> before = sample(names);
        int quietInARow = 0;
        int elapsed = 0;
        Map<String, Double> shares = new LinkedHashMap<>();
        while (quietInARow < quietSeconds) {
            if (elapsed >= timeoutSeconds) {
                return new Outcome(elapsed, false, shares);
            }
            sleeper.sleep(1000);
            elapsed++;
            Map<String, Double> now = sample(names);
            shares = new LinkedHashMap<>();
            boolean quiet = true;
            for (Map.Entry<String, Double> entry : now.entrySet()) {
                double share = entry.getValue() - before.getOrDefault(entry.getKey(), entry.getValue());
                shares.put(entry.getKey(), share);
                quiet &= share <= maxShare;
            }
            quietInARow = quiet ? quietInARow + 1 : 0;
            before = now;
            if (elapsed % 30 == 0) {
                progress.accept(new Outcome(elapsed, false, shares));
            }
        }
        return new Outcome(elapsed, true, shares);
    }

    private Map<String, Double> sample(Iterable<String> names) {
        Map<String, Double> sample = new LinkedHashMap<>();
        for (String name : names) {
            double seconds = cpuSeconds.applyAsDouble(name);
            if (seconds >= 0) {
                sample.put(name, seconds);
            }
        }
        return sample;
    }
}
