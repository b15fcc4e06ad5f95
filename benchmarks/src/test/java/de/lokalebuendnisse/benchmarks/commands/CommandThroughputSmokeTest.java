package de.lokalebuendnisse.benchmarks.commands;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.command.testing.CommandServiceRunner;
import de.lokalebuendnisse.platform.testing.ServiceRunner;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a measurement: one tiny round of the command throughput benchmark through its own entry point, against the
 * real command service started in this JVM on an empty data folder, so that a build that breaks the benchmark (or
 * the registration it sends) fails. The benchmark itself fails on any answer other than 201; the store is checked
 * too, so every command it sent is there exactly once.
 */
class CommandThroughputSmokeTest {

    private static final int COMMANDS = 20;
    private static final int CLIENTS = 2;

    @TempDir
    static Path dataDir;

    private static ServiceRunner commandService;

    @BeforeAll
    static void startCommandService() {
        commandService = CommandServiceRunner.start(dataDir);
    }

    @AfterAll
    static void stopCommandService() {
        if (commandService != null) {
            commandService.close();
        }
    }

    @Test
    void aTinyRoundRegistersEveryAllianceAndReportsARate() throws Exception {
        assertRoundAndStored(run(), "");
    }

    @Test
    void aTinyKeyedRoundRegistersEveryAllianceAndReportsARate() throws Exception {
        assertRoundAndStored(run("keyed"), ", keyed");
    }

    private String run(String... variant) throws Exception {
        String[] args = {"http://localhost:" + commandService.port(), String.valueOf(COMMANDS),
                String.valueOf(CLIENTS), "1", variant.length > 0 ? variant[0] : ""};
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        long before = storedRegistrations();
        CommandThroughput.run(args, TestTokens.of(Role.SERVICE), new PrintStream(printed, true, StandardCharsets.UTF_8));
        // the warm-up round sends as many as the measured one
        assertThat(storedRegistrations() - before).as("registrations stored").isEqualTo(2L * COMMANDS);
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output); // for the build log
        return output;
    }

    private static void assertRoundAndStored(String output, String variant) {
        Matcher round = Pattern.compile("round 1: " + COMMANDS + " commands in [\\d.]+ s = (\\d+) commands/s")
                .matcher(output);
        assertThat(round.find()).as("a round line in:%n%s", output).isTrue();
        assertThat(Long.parseLong(round.group(1))).as("commands/s").isPositive();
        Matcher median = Pattern.compile("median: (\\d+) commands/s \\(" + CLIENTS + " clients, 1 rounds"
                + Pattern.quote(variant) + "\\)").matcher(output);
        assertThat(median.find()).as("the median line in:%n%s", output).isTrue();
        assertThat(Long.parseLong(median.group(1))).as("median commands/s").isPositive();
    }

    private static long storedRegistrations() throws InterruptedException {
        long count = 0;
        try (BlockingStream<TrackedEventMessage<?>> events = commandService.bean(EventStore.class).openStream(null)) {
            while (events.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                if (events.nextAvailable().getPayloadType().getSimpleName().equals("BuendnisRegistered")) {
                    count++;
                }
            }
        }
        return count;
    }
}
