package de.lokalebuendnisse.benchmarks;

import de.lokalebuendnisse.benchmarks.load.Load;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the sustained phase turns commands and polls of the projections' positions into lags. */
class ProjectionLagTest {

    private static final long MS = 1_000_000;

    @Test
    void aLagRunsToTheEndOfTheFirstPollAskedAfterTheAnswerThatSawThePosition() {
        Load.Result commands = answered(new long[] {100 * MS, 100 * MS}, new long[] {7, 9});
        List<long[]> polls = List.of(
                new long[] {90 * MS, 130 * MS, 9},    // asked before the answers: may describe an earlier instant
                new long[] {140 * MS, 150 * MS, 8},   // the first command's position, not the second's
                new long[] {170 * MS, 210 * MS, 9});

        assertThat(Benchmark.lags(commands, polls)).containsExactly(50.0, 110.0);
    }

    @Test
    void aPositionNoPollSawIsAnEndlessLag() {
        Load.Result commands = answered(new long[] {100 * MS}, new long[] {12});
        List<long[]> polls = List.<long[]>of(new long[] {110 * MS, 120 * MS, 11});

        assertThat(Benchmark.lags(commands, polls)).containsExactly(Double.POSITIVE_INFINITY);
    }

    private static Load.Result answered(long[] answeredAtNanos, long[] positions) {
        return new Load.Result(positions.length, 0, 1, new double[positions.length], positions, answeredAtNanos,
                List.of());
    }
}
