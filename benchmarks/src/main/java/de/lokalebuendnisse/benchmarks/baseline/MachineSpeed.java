package de.lokalebuendnisse.benchmarks.baseline;

import de.lokalebuendnisse.benchmarks.load.Percentiles;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Two fixed pieces of work timed on the machine, so that runs on different days can be compared before their figures
 * are: the same build ran markedly slower on one day than on another (stop 40's million-event run against stop 39's:
 * start-ups on an empty store 3.9 against 2.3 s, a raw scan of the store 42,958 against 57,684 rows/s), and a report
 * alone could not tell the machine from the code. One piece is CPU alone (SHA-256 over a fixed buffer in the
 * benchmark's JVM, one thread), the other a JVM's start and stop with the services' compiler setting, which is most of
 * what a start-up row measures before the application's own work.
 */
public final class MachineSpeed {

    /** Bytes hashed per round. */
    static final int HASHED = 32 * 1024 * 1024;

    /** Medians of the rounds, in milliseconds. */
    public record Figures(double hashMillis, double jvmStartMillis) {

        public String describe() {
            return String.format(Locale.ROOT, "SHA-256 of %d MB in one thread %.0f ms; a JVM's start and stop"
                    + " (java -XX:TieredStopAtLevel=1 -version) %.0f ms", HASHED / (1024 * 1024), hashMillis,
                    jvmStartMillis);
        }
    }

    private MachineSpeed() {
    }

    /** Each piece {@code rounds} times after one round of warm-up; the medians. */
    public static Figures measure(int rounds) {
        double[] hash = new double[rounds];
        double[] start = new double[rounds];
        byte[] buffer = new byte[1024 * 1024];
        Arrays.fill(buffer, (byte) 7);
        hashOnce(buffer);
        jvmStartOnce();
        for (int round = 0; round < rounds; round++) {
            hash[round] = hashOnce(buffer);
            start[round] = jvmStartOnce();
        }
        return new Figures(Percentiles.median(hash), Percentiles.median(start));
    }

    private static double hashOnce(byte[] buffer) {
        long begin = System.nanoTime();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int done = 0; done < HASHED; done += buffer.length) {
                sha.update(buffer);
            }
            if (sha.digest().length != 32) {
                throw new IllegalStateException("SHA-256 gave no 32 bytes");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - begin) / 1e6;
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
