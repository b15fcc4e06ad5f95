package de.lokalebuendnisse.query.trust;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.query.testing.ServicesBeside;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, item 2, on a quiet system: a transaction rolled back after its insert leaves an unused position in the
 * embedded store. Before the fix every later read given a position above it answered 503 ("has reached position 3,
 * not yet 3") for good, the replay waited its full 60 s and the chain anchoring retried for a minute. Now none of
 * them waits for that position; each is measured and printed.
 * <p>
 * A refused duplicate left such a position until stop 37; now the command service looks its stream up before it
 * inserts, so the test leaves the position empty itself, as a command's transaction that fails after its insert
 * does (a crash, a failing handler in the same transaction).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class ReadYourWritesPastAnEmptyPositionEndToEndTest {

    @RegisterExtension
    static final ServicesBeside SERVICES = ServicesBeside.commandAndAuditServices("ryw-refusal-e2e");

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", () -> SERVICES.dataDir().toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("eventStoreDataSource")
    DataSource eventStore;

    @Test
    void aPositionLeftEmptyByARolledBackInsertDelaysNoLaterReadReplayOrAnchor() throws Exception {
        Http commands = new Http(SERVICES.commands().port()).as(Role.STAFF);
        Http queries = new Http(port).as(Role.STAFF);
        Http audits = new Http(SERVICES.audit().port()).as(Role.AUDITOR);

        Http.Answer a = commands.post("/api/buendnisse", Writes.registration("a"));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        Http.Answer again = commands.post("/api/buendnisse", Writes.registration("a"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        insertAndRollBack();
        Http.Answer b = commands.post("/api/buendnisse", Writes.registration("b"));
        assertThat(b.status()).as(b.toString()).isEqualTo(201);
        long first = Long.parseLong(a.header("X-Event-Position"));
        long position = Long.parseLong(b.header("X-Event-Position"));
        assertThat(position).as("the refused registration took no position, the rolled-back insert one")
                .isEqualTo(first + 2);

        long started = System.nanoTime();
        Http.Answer read = queries.get("/api/directory/b", "X-Event-Position", Long.toString(position));
        Duration readTook = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("read-your-writes after a position left empty: %d ms (status %d)%n", readTook.toMillis(),
                read.status());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("buendnisId").asText()).isEqualTo("b");
        assertThat(readTook).isLessThan(Duration.ofSeconds(2));

        // every later write too
        Http.Answer c = commands.post("/api/buendnisse", Writes.registration("c"));
        started = System.nanoTime();
        Http.Answer readC = queries.get("/api/directory/c", "X-Event-Position", c.header("X-Event-Position"));
        System.out.printf("read-your-writes of the next write: %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertThat(readC.status()).as(readC.toString()).isEqualTo(200);

        // the replay starts at once and finds the live history complete
        started = System.nanoTime();
        JsonNode replay = Writes.replay(audits);
        Duration replayTook = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("replay after a position left empty: %d ms%n", replayTook.toMillis());
        assertThat(replay.path("comparison").path("compared").asBoolean()).isTrue();
        assertThat(replay.path("comparison").path("differencesTotal").asLong()).isZero();
        assertThat(replay.path("comparison").toString()).doesNotContain("had not reached");
        assertThat(replayTook).isLessThan(Duration.ofSeconds(10));

        // the chain anchoring seals the closed period without waiting for the empty position below it
        Writes.created(commands.post("/api/survey-campaigns", Writes.CAMPAIGN_2024));
        Writes.created(commands.post("/api/seal-awards", Writes.PERIOD_2024_25));
        Http.Answer closed = commands.post("/api/seal-awards/2024-25/close", null);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        started = System.nanoTime();
        JsonNode report = await("the anchor of 2024/25").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(25)).until(() -> audits.get("/api/audit/verify").json(),
                        answer -> answer.path("checkedAnchors").size() == 1);
        Duration anchorTook = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("chain anchor after a position left empty: %d ms after the closing was answered%n",
                anchorTook.toMillis());
        assertThat(report.path("checkedAnchors")).as(report.toString()).hasSize(1);
        assertThat(report.path("checkedAnchors").get(0).path("ok").asBoolean()).isTrue();
        assertThat(report.path("status").asText()).isEqualTo("INTACT");
        assertThat(anchorTook).isLessThan(Duration.ofSeconds(5));
    }

    /** An event inserted and rolled back: its position stays empty for ever. */
    private void insertAndRollBack() throws SQLException {
        try (Connection connection = eventStore.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry"
                    + " (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,"
                    + " payload, metaData) VALUES (?, ?, 0, 'Buendnis', ?, 'java.lang.String', ?, ?)")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "rolled-back-" + UUID.randomUUID());
                insert.setString(3, Instant.now().toString());
                insert.setBytes(4, "\"x\"".getBytes(StandardCharsets.UTF_8));
                insert.setBytes(5, "{}".getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
            connection.rollback();
        }
    }

    @Test
    void aPositionNotYetReachedIsRefusedWithAMessageThatDoesNotContradictItself() {
        Http commands = new Http(SERVICES.commands().port()).as(Role.STAFF);
        Http queries = new Http(port).as(Role.STAFF);
        // the projection has handled an event, whichever test ran first
        Http.Answer d = commands.post("/api/buendnisse", Writes.registration("d"));
        assertThat(d.status()).as(d.toString()).isEqualTo(201);
        assertThat(queries.get("/api/directory/d", "X-Event-Position", d.header("X-Event-Position")).status())
                .isEqualTo(200);
        Http.Answer far = queries.get("/api/directory/b", "X-Event-Position", "1000000");
        assertThat(far.status()).isEqualTo(503);
        assertThat(far.json().path("detail").asText())
                .startsWith("projection directory has not yet handled every event up to position 1000000: it has "
                        + "handled events up to position ")
                .doesNotContain("not yet 1000000");
        assertThat(far.json().path("violations").get(0).path("field").asText()).isEqualTo("position");
        assertThat(far.json().path("violations").get(0).path("rule").asText()).isEqualTo("projection-reached");
    }

}
