package de.lokalebuendnisse.benchmarks.baseline;

import de.lokalebuendnisse.benchmarks.load.Percentiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Two fixed pieces of work timed on the machine, so that runs on different days can be compared before their figures
 * are: the same build ran markedly slower on one day than on another (stop 40's million-event run against stop 39's:
 * start-ups on an empty store 3.9 against 2.3 s, a raw scan of the store 42,958 against 57,684 rows/s), and a report
 * alone could not tell the machine from the code. One piece is CPU and memory alone (sorting a fixed array of
 * pseudo-random numbers in the benchmark's JVM, one thread; a hash would run on the processor's SHA instructions and
 * say little about the rest), the other a JVM's start and stop with the services' compiler setting.
 */
public final class MachineSpeed {

    /** Numbers sorted per round. */
    static final int SORTED = 4_000_000;

    /** Medians of the rounds, in milliseconds. */
    public record Figures(double sortMillis, double jvmStartMillis) {

        public String describe() {
            return String.format(Locale.ROOT, "sorting %,d numbers in one thread %.0f ms; a JVM's start and stop"
                    + " (java -XX:TieredStopAtLevel=1 -version) %.0f ms", SORTED, sortMillis, jvmStartMillis);
        }
    }

    private MachineSpeed() {
    }

    /** Each piece {@code rounds} times after one round of warm-up; the medians. */
    public static Figures measure(int rounds) {
        double[] sort = new double[rounds];
        double[] start = new double[rounds];
        sortOnce();
        jvmStartOnce();
        for (int round = 0; round < rounds; round++) {
            sort[round] = sortOnce();
            start[round] = jvmStartOnce();
        }
        return new Figures(Percentiles.median(sort), Percentiles.median(start));
    }

    private static double sortOnce() {
        // the same numbers every round and run: a fixed seed
        long[] numbers = new SplittableRandom(20231122).longs(SORTED).toArray();
        long begin = System.nanoTime();
        Arrays.sort(numbers);
        double millis = (System.nanoTime() - begin) / 1e6;
        if (numbers[0] > numbers[SORTED - 1]) {
            throw new IllegalStateException("not sorted");
        }
        return millis;
    }

    private static double jvmStartOnce() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long begin = System.nanoTime();
        try {
            Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("java -version ended with " + process.exitValue());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - begin) / 1e6;
    }
}
