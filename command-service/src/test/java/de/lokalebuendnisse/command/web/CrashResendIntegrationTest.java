package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.command.idempotency.IdempotencyRecords;
import de.lokalebuendnisse.command.idempotency.IdempotencyFilter;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static de.lokalebuendnisse.command.web.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resend after a crash that struck between a command's commit and the record of its answer: the record is left
 * pending (as the killed process left it) and old enough to be taken over. The resend must recognise what its first
 * run recorded: the same generated identifiers, nothing stored twice, and no second effect after someone else's
 * change in between.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class CrashResendIntegrationTest {

    private static final Path DATA = createDataDir();

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase commandDatabase;
    @Autowired
    DataSource dataSource;

    HttpApi api;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void client() {
        api = new HttpApi(port);
    }

    @Test
    void aRegistrationResentAfterACrashKeepsItsGeneratedIdAndIsStoredOnce() {
        String key = "register-" + run;
        HttpApi.Answer first = api.post("/api/buendnisse", registration("Hamm " + run), "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String id = first.json().path("buendnisId").asText();

        crashBeforeTheAnswerWasRecorded(key);
        HttpApi.Answer resent = api.post("/api/buendnisse", registration("Hamm " + run), "Idempotency-Key", key);

        assertThat(resent.status()).as(resent.toString()).isEqualTo(201);
        assertThat(resent.json().path("buendnisId").asText()).isEqualTo(id);
        assertThat(resent.header("Location")).isEqualTo("/api/buendnisse/" + id);
        assertThat(events("buendnis:" + id, "BuendnisRegistered")).isEqualTo(1);
        HttpApi.Answer again = api.post("/api/buendnisse", registration("Hamm " + run), "Idempotency-Key", key);
        assertThat(again.header("Idempotent-Replayed")).as("the resend's answer is recorded").isEqualTo("true");
    }

    @Test
    void aPartnerResentAfterACrashKeepsItsGeneratedIdAndIsAddedOnce() {
        String id = registered();
        String key = "partner-" + run;
        String partner = json("{'name': 'Stadtwerke Hamm', 'type': 'COMPANY'}");
        HttpApi.Answer first = api.post("/api/buendnisse/" + id + "/partners", partner, "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        crashBeforeTheAnswerWasRecorded(key);
        HttpApi.Answer resent = api.post("/api/buendnisse/" + id + "/partners", partner, "Idempotency-Key", key);

        assertThat(resent.status()).as(resent.toString()).isEqualTo(201);
        assertThat(resent.json().path("partnerId").asText()).isEqualTo(first.json().path("partnerId").asText());
        assertThat(events("buendnis:" + id, "PartnerAdded")).isEqualTo(1);
    }

    @Test
    void aPauseResentAfterACrashDoesNotPauseAgainAfterAResumeInBetween() {
        String id = registered();
        String key = "pause-" + run;
        String pause = json("{'reason': 'Neuaufstellung'}");
        assertThat(api.post("/api/buendnisse/" + id + "/pause", pause, "Idempotency-Key", key).status()).isEqualTo(200);
        crashBeforeTheAnswerWasRecorded(key);
        assertThat(api.post("/api/buendnisse/" + id + "/resume", null).status()).isEqualTo(200);

        HttpApi.Answer resent = api.post("/api/buendnisse/" + id + "/pause", pause, "Idempotency-Key", key);

        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        assertThat(events("buendnis:" + id, "BuendnisPaused")).as("the pause took effect once, before the crash")
                .isEqualTo(1);
    }

    private String registered() {
        HttpApi.Answer answer = api.post("/api/buendnisse", registration("Köln " + run + UUID.randomUUID()));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().path("buendnisId").asText();
    }

    /** The state a {@code kill -9} between the command's commit and the record of its answer leaves behind. */
    private void crashBeforeTheAnswerWasRecorded(String key) {
        long updated = commandDatabase.getCollection("idempotency_records").updateOne(Filters.eq("_id",
                        IdempotencyRecords.idOf(IdempotencyFilter.recordKey(TestTokens.subject(Role.STAFF), key))),
                Updates.combine(Updates.set("status", 0), Updates.set("claimedAtMillis", 0L),
                        Updates.unset("body"), Updates.unset("location"), Updates.unset("contentType")))
                .getModifiedCount();
        assertThat(updated).isEqualTo(1);
    }

    private long events(String aggregate, String type) {
        return new JdbcTemplate(dataSource).queryForObject("select count(*) from DomainEventEntry "
                + "where aggregateIdentifier = ? and payloadType like ?", Long.class, aggregate, "%." + type);
    }

    private static String registration(String name) {
        return json("""
                {'name': 'Lokales Bündnis für Familie %s', 'municipalityKey': '05915000', 'place': 'Hamm',
                 'bundesland': 'DE-NW', 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2006-05-15',
                 'fieldsOfAction': ['CHILD_CARE']}""".formatted(name));
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("lbf-crash-resend-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
