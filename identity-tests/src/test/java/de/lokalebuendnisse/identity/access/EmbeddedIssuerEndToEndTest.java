package de.lokalebuendnisse.identity.access;

import com.fasterxml.jackson.databind.JsonNode;
import de.lokalebuendnisse.identity.access.RoleTable.Deployable;
import de.lokalebuendnisse.identity.issuer.testing.IssuerRunner;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default as {@code ./run.sh} runs it: the services trust the embedded issuer only through its
 * discovery document and key set (no test key), and the identity in every event comes from the token the issuer
 * signed, never from what a request claims.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedIssuerEndToEndTest {

    private IssuerRunner issuer;
    private Deployables deployables;

    @BeforeAll
    void start() throws Exception {
        issuer = IssuerRunner.start(Files.createTempDirectory("lbf-issuer"));
        deployables = Deployables.trusting(issuer.url(), "embedded-issuer", List.of(),
                Deployable.COMMAND_SERVICE, Deployable.AUDIT_SERVICE);
    }

    @AfterAll
    void stop() {
        if (deployables != null) {
            deployables.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void theCrmRegistersAndTheAuditHistoryNamesTheTokensIdentityNotTheClaimedOne() {
        Http.Answer registered = commands("crm").post("/api/buendnisse", Deployables.registration("hamm-e2e"),
                "X-Caller", "Bundesministerin");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        List<DomainEventMessage<?>> events = deployables.eventsOfAlliance("hamm-e2e");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getMetaData())
                .containsEntry("caller", "CRM (eingebettet)")
                .containsEntry("callerSubject", "crm")
                .containsEntry("callerClient", "crm")
                .containsEntry("callerRole", "service")
                .doesNotContainValue("Bundesministerin");

        // the audit service reads the same store; the position makes it answer once it has caught up
        String year = String.valueOf(LocalDate.now(ZoneId.of("Europe/Berlin")).getYear());
        String position = registered.header("X-Event-Position");
        Http audits = deployables.http(Deployable.AUDIT_SERVICE).withToken(issuer.token("pruefung"));
        List<JsonNode> entries = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer history = position == null ? audits.get("/api/audit/" + year + "?size=200")
                    : audits.get("/api/audit/" + year + "?size=200", "X-Event-Position", position);
            assertThat(history.status()).as(history.toString()).isEqualTo(200);
            entries.clear();
            history.json().path("entries").forEach(entries::add);
            assertThat(entries).anySatisfy(e -> assertThat(e.path("buendnisId").asText()).isEqualTo("hamm-e2e"));
        });
        JsonNode registration = entries.stream()
                .filter(e -> e.path("buendnisId").asText().equals("hamm-e2e")).findFirst().orElseThrow();
        assertThat(registration.path("eventType").asText()).isEqualTo("BuendnisRegistered");
        assertThat(registration.path("caller").asText()).isEqualTo("CRM (eingebettet)");
        assertThat(entries.toString()).doesNotContain("Bundesministerin");
    }

    @Test
    void theAuditorsMayNotRegisterAndOperationsMayNotReadTheAuditHistory() {
        long events = deployables.storedEvents();

        Http.Answer byAuditor = commands("pruefung").post("/api/buendnisse",
                Deployables.registration("by-auditor"));
        assertThat(byAuditor.status()).as(byAuditor.toString()).isEqualTo(403);
        Http.Answer byOperations = deployables.http(Deployable.AUDIT_SERVICE)
                .withToken(issuer.token("operations")).get("/api/audit/2026");
        assertThat(byOperations.status()).as(byOperations.toString()).isEqualTo(403);

        assertThat(deployables.storedEvents()).isEqualTo(events);
    }

    @Test
    void aTokenOfAForeignIssuerOrTheTestKeyIsRefused() throws Exception {
        try (IssuerRunner foreign = IssuerRunner.start(Files.createTempDirectory("lbf-foreign-issuer"))) {
            long events = deployables.storedEvents();

            Http.Answer answer = deployables.http(Deployable.COMMAND_SERVICE).withToken(foreign.token("crm"))
                    .post("/api/buendnisse", Deployables.registration("from-abroad"));

            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).contains("invalid_token");
            // nor is the tests' own key trusted here: these services know the embedded issuer only
            Http.Answer testToken = deployables.http(Deployable.COMMAND_SERVICE)
                    .withToken(TestTokens.of(Role.SERVICE))
                    .post("/api/buendnisse", Deployables.registration("from-the-tests-key"));
            assertThat(testToken.status()).as(testToken.toString()).isEqualTo(401);
            assertThat(deployables.storedEvents()).isEqualTo(events);
        }
    }

    private Http commands(String client) {
        return deployables.http(Deployable.COMMAND_SERVICE).withToken(issuer.token(client));
    }
}
