package de.lokalebuendnisse.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Bundesland p99 is judged against the goal for the size measured, and only at the sizes the goals name; the
 * replay's 45 s per million events from a million stored events on.
 */
class ReadGoalsTest {

    @Test
    void theRealSizeIsJudgedAgainstTwentyMilliseconds() {
        assertThat(Benchmark.landP99Goal(1.0)).isEqualTo(20.0);
    }

    @Test
    void aHundredTimesTheRealSizeIsJudgedAgainstAHundredMilliseconds() {
        assertThat(Benchmark.landP99Goal(100)).isEqualTo(100.0);
    }

    @Test
    void sizesBetweenOrBelowTheNamedOnesAreNotJudged() {
        // the million-event run (38x) was judged against the real size's 20 ms before
        assertThat(Benchmark.landP99Goal(38)).isNull();
        assertThat(Benchmark.landP99Goal(0.02)).isNull();
        assertThat(Benchmark.landP99Goal(10)).isNull();
    }

    @Test
    void aReplayOfMoreThanAMillionEventsIsJudgedPerMillion() {
        assertThat(Benchmark.replaySecondsPerMillion(2_760_000, 124.2)).isCloseTo(45.0, within(1e-9));
        assertThat(Benchmark.replaySecondsPerMillion(1_000_000, 50.6)).isEqualTo(50.6);
    }

    @Test
    void aReplayOfFewerThanAMillionEventsIsNotJudged() {
        assertThat(Benchmark.replaySecondsPerMillion(999_999, 10)).isNull();
        assertThat(Benchmark.replaySecondsPerMillion(42_047, 3.94)).isNull();
    }

    @Test
    void aReadKindMeasuredInNoRoundHasNoFigureAndMissesTheGoalItHas() {
        double[] none = Benchmark.medians(List.of());
        assertThat(none).hasSize(3);
        assertThat(Arrays.stream(none).allMatch(Double::isNaN)).isTrue();
        assertThat(Arrays.stream(Benchmark.medians(null)).allMatch(Double::isNaN)).isTrue();
        assertThat(none[1] <= Benchmark.landP99Goal(100)).isFalse();
        assertThat(Benchmark.medians(List.of(new double[] {1, 30, 5}, new double[] {2, 10, 7}, new double[] {3, 20, 6})))
                .containsExactly(2, 20, 6);
    }
}
