package de.lokalebuendnisse.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a measurement: one tiny round of the whole benchmark (scale 0.02, 13 alliances, one round) through its own
 * entry point, against the three real services started in this JVM, so that a build that breaks the benchmark, its
 * seed or an endpoint it uses fails instead of leaving it to rot until the next measurement. It checks that no
 * phase failed, that the generated seed was accepted whole (a refusal is a bug of the generator), and that the
 * report has every metric with figures, as Markdown and JSON.
 */
class BenchmarkSmokeTest {

    private static final List<String> METRICS = List.of("startup", "seed", "directory", "stats", "byId", "standIn",
            "commands", "latency", "sustained", "rebuild", "replay", "rss");

    @TempDir
    Path out;

    @Test
    void aTinyRoundMeasuresEveryMetricAndWritesTheReport() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Benchmark benchmark = new Benchmark(Benchmark.Options.parse("--scale=0.02", "--rounds=1",
                "--out=" + out, "--repository=" + Path.of("..").toAbsolutePath()), new InProcessDeployables(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        benchmark.run();
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output); // for the build log

        assertThat(benchmark.failedPhases()).as(output).isEmpty();
        String markdown = Files.readString(out.resolve("benchmarks.md"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("benchmarks.json").toFile());
        List<String> keys = new java.util.ArrayList<>();
        json.path("metrics").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(METRICS);
        for (String metric : METRICS) {
            JsonNode figures = json.path("metrics").path(metric).path("figures");
            assertThat(figures.size()).as("figures of %s", metric).isPositive();
            assertThat(markdown).contains("## " + json.path("metrics").path(metric).path("title").asText());
        }
        assertThat(figure(json, "seed", "refused")).as("seed commands refused").isZero();
        assertThat(figure(json, "seed", "commands sent")).isGreaterThan(300);
        assertThat(figure(json, "commands", "through the API")).isPositive();
        assertThat(figure(json, "commands", "raw JDBC insert")).isPositive();
        // the ratio to the empty store is judged on two figures measured alike: the command service alone on each
        assertThat(figure(json, "commands", "alone on an empty store")).isPositive();
        assertThat(figure(json, "commands", "alone at ")).isPositive();
        assertThat(figure(json, "commands", "ratio at ")).isPositive();
        assertThat(output).contains("the command service alone on an empty store")
                .contains("the command service alone on the stored history");
        assertThat(figure(json, "rebuild", "raw sequential JDBC scan")).isPositive();
        assertThat(figure(json, "replay", "events replayed")).isGreaterThan(300);
        assertThat(markdown).contains("| commit |").contains("| machine |").contains("cores")
                .contains("| machine speed at the start | sorting 4,000,000 numbers in one thread")
                .contains("| machine speed at the end | sorting 4,000,000 numbers in one thread");
        // a tiny rebuild is far from 20,000 events/s: its gap comes with the profile of one more rebuild
        assertThat(json.path("metrics").path("rebuild").path("raw").path("profiles").path(0).path("samples").asInt())
                .as(output).isPositive();
        assertThat(markdown).contains("Profile of one more rebuild (an extra round, not counted");
    }

    /**
     * The 100x mode in small: seeds scale 0.02 through the API, copies every alliance's stream twice over JDBC
     * (three times the alliances), and measures everything else on that store. The multiplication phase itself
     * fails unless the audit service verifies the copied history INTACT and the directory counts three times the
     * seeded alliances; the figures say so too.
     */
    @Test
    void aTinyMultipliedRoundVerifiesIntactAndCountsEveryCopy() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // the profiles of missed goals are the first round's to show; here they would only add time
        Benchmark benchmark = new Benchmark(Benchmark.Options.parse("--scale=0.06", "--multiply=3", "--rounds=1",
                "--no-profiles", "--out=" + out, "--repository=" + Path.of("..").toAbsolutePath()), new InProcessDeployables(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        benchmark.run();
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output); // for the build log

        assertThat(benchmark.failedPhases()).as(output).isEmpty();
        JsonNode json = new ObjectMapper().readTree(out.resolve("benchmarks.json").toFile());
        List<String> keys = new java.util.ArrayList<>();
        json.path("metrics").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).contains("multiply").containsAll(METRICS);
        double seeded = figure(json, "multiply", "alliances in the directory after the seed");
        assertThat(seeded).isEqualTo(13);
        assertThat(figure(json, "multiply", "alliances in the directory after the copies")).isEqualTo(3 * seeded);
        assertThat(figure(json, "multiply", "copies written")).isEqualTo(2);
        double copiedEvents = figure(json, "multiply", "events written over JDBC");
        assertThat(copiedEvents).isEqualTo(2 * figure(json, "multiply", "events of their streams"));
        assertThat(met(json, "multiply", "audit chain verified INTACT")).isTrue();
        assertThat(figure(json, "multiply", "audit chain verified INTACT")).isGreaterThan(copiedEvents);
        assertThat(json.path("metrics").path("multiply").path("raw").path("verification").path("status").asText())
                .isEqualTo("INTACT");
        // the reads are measured on the seeded history before the copies and again after them, each in its own rows
        assertThat(keys).contains("directoryAfterCopies", "statsAfterCopies", "byIdAfterCopies");
        assertThat(figureNamed(json, "directory", "p99 (")).isEqualTo("p99 (13 alliances)");
        assertThat(figureNamed(json, "directoryAfterCopies", "p99 (")).isEqualTo("p99 (39 alliances)");
        assertThat(keys.indexOf("directory")).isLessThan(keys.indexOf("multiply"));
        assertThat(keys.indexOf("multiply")).isLessThan(keys.indexOf("directoryAfterCopies"));
        // the auditors' replay after the copies reads them too
        assertThat(figure(json, "replay", "events replayed")).isGreaterThan(copiedEvents);
        assertThat(Files.readString(out.resolve("benchmarks.md"))).contains("## Store multiplied");
    }

    private static boolean met(JsonNode json, String metric, String prefix) {
        for (JsonNode figure : json.path("metrics").path(metric).path("figures")) {
            if (figure.path("name").asText().startsWith(prefix)) {
                return figure.path("met").asBoolean(false);
            }
        }
        throw new AssertionError("no figure '" + prefix + "' in " + metric + ": " + json.path("metrics").path(metric));
    }

    private static String figureNamed(JsonNode json, String metric, String prefix) {
        for (JsonNode figure : json.path("metrics").path(metric).path("figures")) {
            if (figure.path("name").asText().startsWith(prefix)) {
                return figure.path("name").asText();
            }
        }
        throw new AssertionError("no figure '" + prefix + "' in " + metric + ": " + json.path("metrics").path(metric));
    }

    private static double figure(JsonNode json, String metric, String prefix) {
        for (JsonNode figure : json.path("metrics").path(metric).path("figures")) {
            if (figure.path("name").asText().startsWith(prefix)) {
                return figure.path("value").asDouble();
            }
        }
        throw new AssertionError("no figure '" + prefix + "' in " + metric + ": " + json.path("metrics").path(metric));
    }
}
