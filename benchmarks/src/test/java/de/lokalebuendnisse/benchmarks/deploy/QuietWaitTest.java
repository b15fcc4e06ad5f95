package de.lokalebuendnisse.benchmarks.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuietWaitTest {

    /** CPU seconds used in each second that passes, per deployable; the last value repeats. */
    private static final class Script {
        private final Map<String, double[]> perSecond;
        private final double[] used = new double[2];
        private int second;

        Script(Map<String, double[]> perSecond) {
            this.perSecond = perSecond;
        }

        double cpuSeconds(String name) {
            return used[name.equals("command") ? 0 : 1];
        }

        void sleep(long millis) {
            assertThat(millis).isEqualTo(1000);
            int i = 0;
            for (String name : List.of("command", "query")) {
                double[] shares = perSecond.get(name);
                used[i++] += shares[Math.min(second, shares.length - 1)];
            }
            second++;
        }
    }

    private final List<QuietWait.Outcome> progress = new ArrayList<>();

    private QuietWait.Outcome await(Script script, int timeout) throws InterruptedException {
        return new QuietWait(script::cpuSeconds, script::sleep, 0.1, 3)
                .await(List.of("command", "query"), timeout, progress::add);
    }

    @Test
    void waitsUntilEveryServiceWasQuietForThreeSecondsInARow() throws InterruptedException {
        Script script = new Script(Map.of(
                "command", new double[] {0.9, 0.9, 0.05, 0.05, 0.6, 0.02},
                "query", new double[] {0.03}));

        QuietWait.Outcome outcome = await(script, 60);

        // busy in seconds 1, 2 and 5: the three quiet seconds in a row are 6, 7 and 8
        assertThat(outcome.quiet()).isTrue();
        assertThat(outcome.seconds()).isEqualTo(8);
        assertThat(outcome.lastShares().get("command")).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void oneBusyServiceKeepsTheWaitGoing() throws InterruptedException {
        Script script = new Script(Map.of("command", new double[] {0.0}, "query", new double[] {0.5, 0.5, 0.5, 0.0}));

        assertThat(await(script, 60).seconds()).isEqualTo(6);
    }

    @Test
    void aServiceThatStaysBusyEndsTheWaitAtTheTimeoutNamingItsShare() throws InterruptedException {
        Script script = new Script(Map.of("command", new double[] {0.7}, "query", new double[] {0.0}));

        QuietWait.Outcome outcome = await(script, 65);

        assertThat(outcome.quiet()).isFalse();
        assertThat(outcome.seconds()).isEqualTo(65);
        assertThat(outcome.lastShares().get("command")).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(progress).extracting(QuietWait.Outcome::seconds).containsExactly(30.0, 60.0);
    }

    @Test
    void theCpuTimeOfThisProcessIsReadFromProc() {
        double used = Deployables.cpuSeconds(ProcessHandle.current().pid());
        assertThat(used).isPositive();
        assertThat(Deployables.cpuSeconds(-1)).isEqualTo(-1);
    }
}
