package de.lokalebuendnisse.benchmarks.replay;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a measurement: one tiny round of the replay benchmark through its own entry point, so that a build that
 * breaks it fails instead of leaving it to rot until the next measurement. 2,000 events of 40 alliances (small enough
 * for many yearly seasons, so the report has periods and grants), one round, the stand-in in memory.
 */
class AuditReplayBenchmarkSmokeTest {

    private static final Pattern GENERATED = Pattern.compile("generated ([\\d,]+) events in ");
    private static final Pattern ROUND = Pattern.compile("round 1: ([\\d,]+) events in [\\d.]+ s, ([\\d,]+) events/s"
            + " while reading; ([\\d,]+) entries rebuilt, (\\d+) periods with ([\\d,]+) grants/renewals/revocations"
            + " in the report; .* digest ([0-9a-f]{64})");
    private static final Pattern MEDIAN = Pattern.compile("median over 1 rounds: ([\\d,]+) events/s"
            + " \\(stand-in backend: memory\\)");

    @Test
    void aTinyRoundReplaysEveryGeneratedEventAndReportsItsRateAndOutcome() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AuditReplayBenchmark.run(new String[] {"2000", "1", "memory", "40"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output); // for the build log

        assertThat(number(find(GENERATED, output, 1))).as(output).isEqualTo(2000);
        Matcher round = ROUND.matcher(output);
        assertThat(round.find()).as("a round line in:%n%s", output).isTrue();
        assertThat(number(round.group(1))).as("events read").isEqualTo(2000);
        assertThat(number(round.group(2))).as("events/s").isPositive();
        assertThat(number(round.group(3))).as("history entries rebuilt").isBetween(1L, 2000L);
        assertThat(number(round.group(4))).as("award periods in the report").isPositive();
        // the generator grants to about 8 % of the alliances a season and renews most holders, so a history of
        // 40 alliances has several grants for every period; revocations alone would stay far below one a period
        assertThat(number(round.group(5))).as("grants, renewals and revocations in the report")
                .isGreaterThanOrEqualTo(number(round.group(4)));
        assertThat(number(find(MEDIAN, output, 1))).as("median events/s").isPositive();
    }

    private static String find(Pattern pattern, String output, int group) {
        Matcher matcher = pattern.matcher(output);
        assertThat(matcher.find()).as("%s in:%n%s", pattern, output).isTrue();
        return matcher.group(group);
    }

    private static long number(String printed) {
        return Long.parseLong(printed.replace(",", ""));
    }
}
