package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.audit.service.asof.EventStoreRecorder;
import de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The as-of and explanation endpoints over HTTP against the embedded stores. The season's events are appended to
 * the event store directly with the instants they happened at, standing in for the command side; the projections
 * are not asked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditAsOfApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        try {
            String data = Files.createTempDirectory("lbf-query-as-of").toString();
            registry.add("lbf.data-dir", () -> data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @BeforeAll
    void aSeasonRecordedOverTwoYears() {
        AsOfFixtures.season(new EventStoreRecorder(eventStore));
    }

    @Test
    void theDayBeforeTheCeremonyShowsWhoWasEligibleWhoMissedWhatAndTheSealsThenHeld() {
        Answer answer = get("/api/audit/as-of?at=2024-11-21T12:00:00Z&period=2024-25");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode state = answer.json();
        assertThat(state.path("at").asString()).isEqualTo("2024-11-21T12:00:00Z");
        assertThat(state.path("period").asString()).isEqualTo("2024/25");
        assertThat(state.path("sealName").asString()).isEqualTo("Ausgezeichnetes Bündnis 2024/25");
        assertThat(state.path("rules").path("grantRule").asString()).isEqualTo("SURVEY_INTEREST_WERKSTATT_V1");
        assertThat(state.path("ceremonyHeld").asBoolean()).isFalse();
        assertThat(state.path("counts").path("eligible").asInt()).isEqualTo(2);
        assertThat(state.path("periodStream").path("aggregateId").asString()).isEqualTo("seal-award:2024/25");
        assertThat(state.path("periodStream").path("upToSequence").asLong()).isEqualTo(6);
        assertThat(state.path("periodStream").path("laterEvents").asLong()).isEqualTo(5);

        JsonNode bremen = state.path("alliances").path(0);
        assertThat(bremen.path("buendnisId").asString()).isEqualTo("bremen");
        assertThat(bremen.path("name").asString()).isEqualTo("Bremer Bündnis für Familie");
        assertThat(bremen.path("bundesland").asString()).isEqualTo("DE-HB");
        assertThat(bremen.path("status").asString()).isEqualTo("MISSING");
        assertThat(texts(bremen.path("missing"), "criterion"))
                .containsExactly("BUENDNIS_ACTIVE", "SURVEY_SUFFICIENT", "WERKSTATT_ATTENDED");
        JsonNode refusal = bremen.path("explanation");
        assertThat(refusal.path("kind").asString()).isEqualTo("REFUSAL");
        assertThat(refusal.path("ruleVersion").asInt()).isEqualTo(1);
        JsonNode level = refusal.path("criteria").path(2);
        assertThat(level.path("criterion").asString()).isEqualTo("SURVEY_SUFFICIENT");
        assertThat(level.path("met").asBoolean()).isFalse();
        assertThat(level.path("fact").path("activityLevel").decimalValue()).isEqualByComparingTo("2.67");
        assertThat(level.path("fact").path("threshold").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(level.path("fact").has("attendance")).as("only the survey's fields").isFalse();
        assertThat(refusal.path("sentence").asString()).startsWith("Stand 21.11.2024, 13:00 Uhr: Voraussetzungen "
                + "für das Siegel „Ausgezeichnetes Bündnis 2024/25“ nach Vergaberegel SURVEY_INTEREST_WERKSTATT_V1 "
                + "nicht erfüllt. Es fehlt: Bündnis pausiert;");

        JsonNode muenster = state.path("alliances").path(2);
        assertThat(muenster.path("status").asString()).isEqualTo("ELIGIBLE");
        assertThat(muenster.path("basis").asString()).isEqualTo("RENEWAL");
        JsonNode attendance = muenster.path("explanation").path("criteria").path(4).path("fact").path("attendance");
        assertThat(attendance.path("werkstattId").asString()).isEqualTo("werkstatt-hamm-2024");
        assertThat(attendance.path("date").asString()).isEqualTo("2024-09-12");
        assertThat(attendance.path("mode").asString()).isEqualTo("REPRESENTATIVE");
        assertThat(attendance.path("representativeOrganisation").asString()).isEqualTo("Stadt Münster, Familienbüro");

        assertThat(state.path("sealsHeld")).hasSize(1);
        assertThat(state.path("sealsHeld").path(0).path("period").asString()).isEqualTo("2023/24");
        assertThat(state.path("sealsHeld").path(0).path("buendnisId").asString()).isEqualTo("muenster");
        assertThat(state.path("sealsHeld").path(0).path("grantedAt").asString()).isEqualTo("2023-11-24T10:00:01Z");
    }

    @Test
    void afterTheCeremonyTheGrantsAreExplainedFromTheirEvidenceAndAnOffsetInstantIsAccepted() {
        // 1 December 2024, 01:00 in Berlin
        JsonNode state = get("/api/audit/as-of?at=2024-12-01T01:00:00%2B01:00&period=2024-25").json();

        assertThat(state.path("at").asString()).isEqualTo("2024-12-01T00:00:00Z");
        JsonNode hamm = state.path("alliances").path(1);
        assertThat(hamm.path("status").asString()).isEqualTo("GRANTED");
        assertThat(hamm.path("grant").path("grantedAt").asString()).isEqualTo("2024-11-22T10:00:00Z");
        assertThat(hamm.path("explanation").path("kind").asString()).isEqualTo("GRANT");
        assertThat(hamm.path("explanation").path("sentence").asString()).isEqualTo("Siegel „Ausgezeichnetes Bündnis "
                + "2024/25“ über die Umfrage erteilt nach Vergaberegel SURVEY_INTEREST_WERKSTATT_V1: Aktivitätsgrad 3,33 "
                + "erreicht die Schwelle 3,00 der Umfrage 2024; Interesse an Projekt Zukunft erklärt; Teilnahme an der "
                + "Zukunftswerkstatt in Hamm am 12.09.2024 durch das Bündnis selbst; Bündnis aktiv. Verliehen beim "
                + "Bündnisdialog am 22.11.2024 in Berlin.");
        assertThat(state.path("alliances").path(2).path("explanation").path("kind").asString()).isEqualTo("RENEWAL");
        assertThat(texts(state.path("sealsHeld"), "buendnisId")).containsExactly("muenster", "hamm", "muenster");
    }

    @Test
    void theExplanationsListEveryGrantRenewalAndRevocationInOrderAndCanBeCutAtAnInstant() {
        Answer all = get("/api/audit/explanations/2024-25");
        Answer beforeRevocation = get("/api/audit/explanations/2024-25?at=2025-07-01T00:00:00Z");

        assertThat(all.status()).as(all.body()).isEqualTo(200);
        JsonNode explanations = all.json().path("explanations");
        assertThat(texts(explanations, "kind")).containsExactly("GRANT", "RENEWAL", "REVOCATION");
        assertThat(texts(explanations, "buendnisId")).containsExactly("hamm", "muenster", "hamm");
        assertThat(all.json().path("at").isNull()).isTrue();
        assertThat(explanations.path(2).path("revocation").path("reason").asString())
                .isEqualTo("Das Bündnis hat sich zum 30. Juni 2025 aufgelöst.");
        assertThat(explanations.path(2).path("grant").path("grantedAt").asString()).isEqualTo("2024-11-22T10:00:00Z");
        assertThat(explanations.path(2).path("sentence").asString()).isEqualTo("Siegel „Ausgezeichnetes Bündnis "
                + "2024/25“ am 03.07.2025 entzogen, erteilt am 22.11.2024 über die Umfrage nach Vergaberegel "
                + "SURVEY_INTEREST_WERKSTATT_V1. Die Erteilung bleibt in der Historie erhalten. Begründung: „Das "
                + "Bündnis hat sich zum 30. Juni 2025 aufgelöst.“");
        assertThat(explanations.path(1).path("sentence").asString()).contains("vertreten durch Stadt Münster, "
                + "Familienbüro");

        assertThat(texts(beforeRevocation.json().path("explanations"), "kind")).containsExactly("GRANT", "RENEWAL");
        assertThat(beforeRevocation.json().path("periodStream").path("laterEvents").asLong()).isEqualTo(1);
    }

    @Test
    void aPeriodNotYetOpenedAtTheInstantAnswers404SayingSo() {
        Answer asOf = get("/api/audit/as-of?at=2024-05-01T00:00:00Z&period=2024-25");
        Answer neverOpened = get("/api/audit/as-of?at=2024-05-01T00:00:00Z&period=2019-20");
        Answer explanations = get("/api/audit/explanations/2024-25?at=2024-05-01T00:00:00Z");
        Answer unknown = get("/api/audit/explanations/2019-20");

        for (Answer answer : List.of(asOf, neverOpened, explanations, unknown)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.violations()).containsExactly("period:known");
        }
        assertThat(asOf.json().path("detail").asString()).isEqualTo("known: award period 2024/25 had not been opened by "
                + "2024-05-01T00:00:00Z: no event of its stream seal-award:2024/25 is recorded up to then");
        assertThat(unknown.json().path("detail").asString())
                .contains("award period 2019/20 is not known: no event of its stream seal-award:2019/20 is recorded");
    }

    @Test
    void badParametersAnswer400NamingEachFieldAndRule() {
        Answer none = get("/api/audit/as-of");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.contentType()).isEqualTo("application/problem+json");
        assertThat(none.violations()).containsExactlyInAnyOrder("at:required", "period:required");

        assertThat(get("/api/audit/as-of?at=2999-01-01T00:00:00Z&period=2024-25").violations())
                .containsExactly("at:not-in-future");
        assertThat(get("/api/audit/as-of?at=21.11.2024&period=2024-25").violations())
                .containsExactly("at:iso-instant");
        assertThat(get("/api/audit/as-of?at=2024-11-21T12:00:00&period=2024-25").violations())
                .as("an instant needs its zone").containsExactly("at:iso-instant");
        assertThat(get("/api/audit/as-of?at=2024-11-21T12:00:00Z&period=2024%2F25").violations())
                .containsExactly("period:period-id");
        assertThat(get("/api/audit/as-of?at=2024-11-21T12:00:00Z&period=2024-26").violations())
                .containsExactly("period:consecutive-years");
        assertThat(get("/api/audit/as-of?at=2024-11-21T12:00:00Z&period=2024-25&q%5B%24ne%5D=1").violations())
                .containsExactly("q[$ne]:known-parameter");
        assertThat(get("/api/audit/as-of?at=2024-11-21T12:00:00Z&at=2024-11-22T12:00:00Z&period=2024-25")
                .violations()).contains("at:single-value");
        assertThat(get("/api/audit/explanations/2024-25?at=2999-01-01T00:00:00Z").violations())
                .containsExactly("at:not-in-future");
        assertThat(get("/api/audit/explanations/24-25").violations()).containsExactly("period:period-id");
        assertThat(get("/api/audit/explanations/2024-25?period=2024-25").violations())
                .containsExactly("period:known-parameter");
    }

    @Test
    void theOpenApiDocumentListsBothEndpoints() {
        JsonNode paths = get("/v3/api-docs").json().path("paths");

        assertThat(paths.has("/api/audit/as-of")).isTrue();
        assertThat(paths.has("/api/audit/explanations/{period}")).isTrue();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.path(field).asString()));
        return texts;
    }

    private Answer get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(Role.AUDITOR)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String contentType, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        List<String> violations() {
            List<String> violations = new ArrayList<>();
            json().path("violations").forEach(v -> violations.add(v.path("field").asString() + ":"
                    + v.path("rule").asString()));
            return violations;
        }
    }
}
