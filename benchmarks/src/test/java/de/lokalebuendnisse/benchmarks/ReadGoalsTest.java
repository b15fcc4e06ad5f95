package de.lokalebuendnisse.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Bundesland p99 is judged against the goal for the size measured, and only at the sizes the goals name. */
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
}
