package de.lokalebuendnisse.benchmarks.baseline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MachineSpeedTest {

    @Test
    void bothPiecesOfWorkAreTimedAndDescribed() {
        MachineSpeed.Figures figures = MachineSpeed.measure(3);

        assertThat(figures.sortMillis()).isPositive();
        // a JVM cannot start and stop in under a few milliseconds: the time is the process's, not a no-op's
        assertThat(figures.jvmStartMillis()).isGreaterThan(5);
        assertThat(figures.describe()).matches("sorting 4,000,000 numbers in one thread \\d+ ms; a JVM's start and stop"
                + " \\(java -XX:TieredStopAtLevel=1 -version\\) \\d+ ms");
    }
}
