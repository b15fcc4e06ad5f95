package de.lokalebuendnisse.audit.service.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.audit.service.AuditServiceApplication;
import de.lokalebuendnisse.audit.service.chain.EventStoreTable.Row;
import de.lokalebuendnisse.audit.service.cli.AuditCommandLine;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit verify} on the command line, after the service has stored and recorded a few events and stopped:
 * with its own empty MongoDB stand-in it can check only the anchors; pointed at the stopped service's stand-in file
 * it locates a change. The event store is altered with plain SQL and restored after each test.
 */
class VerifyCliCommandTest {

    private static Path data;
    private static EventStoreTable table;
    private static List<Row> original;
    private static long e1;
    private static long e3;
    private static long anchor;

    @BeforeAll
    static void storeAndRecordEventsThenStopTheService() throws IOException {
        data = Files.createTempDirectory("lbf-query-verify-cli");
        table = new EventStoreTable(data);
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(AuditServiceApplication.class)
                .web(WebApplicationType.NONE)
                .run("--lbf.data-dir=" + data,
                        "--axon.eventhandling.processors.audit-chain.mode=pooled",
                        "--axon.eventhandling.processors.audit-chain.initial-segment-count=1")) {
            EventStore eventStore = service.getBean(EventStore.class);
            BuendnisId hamm = BuendnisId.of("hamm");
            publish(eventStore, hamm.toString(), 0, new BuendnisPaused(hamm, "Koordination unbesetzt"));
            publish(eventStore, hamm.toString(), 1, new BuendnisResumed(hamm));
            publish(eventStore, hamm.toString(), 2, new BuendnisPaused(hamm, "Sommerpause"));
            List<Row> rows = table.rows();
            e1 = rows.get(0).globalIndex();
            e3 = rows.get(2).globalIndex();
            table.append("audit-chain:YEAR:2026", 0, AuditChain.ANCHOR_TYPE, ChainFixtures.anchorJson("YEAR", "2026",
                    e3, rows.get(2).eventIdentifier(), 3, ChainFixtures.head(rows, e3)), "{\"caller\":\"system\"}");
            original = table.rows();
            anchor = original.get(3).globalIndex();
            ChainFixtures.awaitRecorded(service.getBean(ChainRecords.class), anchor);
        }
    }

    @AfterEach
    void restoreTheStore() {
        table.restore(original);
    }

    @Test
    void withTheStoppedServicesRecordsAnUntouchedStoreIsIntactAndExitsZero() {
        Result result = verify("--lbf.mongo.embedded-file=" + data.resolve("audit-mongo.mv"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Audit chain: INTACT",
                "events checked: 4 (3 chained, 1 anchor)",
                "head: " + ChainFixtures.head(original, e3) + " after position " + e3,
                "fingerprint records: compared up to position " + anchor,
                "anchor YEAR 2026 at position " + anchor + ", up to position " + e3 + ": ok",
                "verify: 4 of " + anchor + " events (");
    }

    @Test
    void withoutTheRecordsOnlyTheAnchorsAreCheckedAndTheOutputSaysSo() {
        Result result = verify();

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Audit chain: INTACT",
                "fingerprint records: not available: the audit-chain projection never ran on this database",
                "only the anchors were checked",
                "anchor YEAR 2026 at position " + anchor + ", up to position " + e3 + ": ok");
    }

    @Test
    void withoutTheRecordsAChangeIsFoundByTheAnchorButNotLocated() {
        table.setPayload(e1, original.get(0).payloadText().replace("unbesetzt", "besetzt"));

        Result result = verify();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("Audit chain: BROKEN",
                "first break: position " + anchor + " ANCHOR_MISMATCH event " + original.get(3).eventIdentifier(),
                "so a stored event at or before position " + e3 + " was altered");
    }

    @Test
    void withTheRecordsAChangeIsLocatedAndJsonIsTheOnlyOutput() throws IOException {
        table.setPayload(e1, original.get(0).payloadText().replace("unbesetzt", "besetzt"));

        Result result = verify("--json", "--lbf.mongo.embedded-file=" + data.resolve("audit-mongo.mv"));

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.path("status").asText()).isEqualTo("BROKEN");
        assertThat(report.path("firstBreak").path("kind").asText()).isEqualTo("CHANGED");
        assertThat(report.path("firstBreak").path("position").asLong()).isEqualTo(e1);
        assertThat(report.path("firstBreak").path("eventId").asText()).isEqualTo(original.get(0).eventIdentifier());
        assertThat(report.path("breakCount").asLong()).isEqualTo(2);
    }

    @Test
    void refusesAnUnknownOptionWithExitCodeTwo() {
        Result result = verify("--from=3");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).contains("unknown option '--from=3'");
    }

    private record Result(int exitCode, String out) {
    }

    private static Result verify(String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[options.length + 2];
        args[0] = "verify";
        args[1] = "--lbf.data-dir=" + data;
        System.arraycopy(options, 0, args, 2, options.length);
        int exitCode = AuditCommandLine.run(de.lokalebuendnisse.audit.service.AuditCommandLineApplication.class, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8));
    }

    private static void publish(EventStore eventStore, String aggregateId, long sequenceNumber, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("Buendnis", aggregateId, sequenceNumber, payload,
                MetaData.with("caller", "crm").and("correlationId", "c-cli-" + sequenceNumber)));
    }
}
