package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Replays over HTTP: start, follow, report in JSON, Markdown and HTML; one at a time; unknown ids. */
class AuditReplayApiTest extends ReplaySeason {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void startsAReplayFollowsItsProgressAndAnswersItsReportOnceFinished() throws Exception {
        HeldReplayThread.hold = true;
        HttpResponse<String> started;
        try {
            started = send("POST", "/api/audit/replays");
            assertThat(started.statusCode()).isEqualTo(202);
            JsonNode accepted = JSON.readTree(started.body());
            String id = accepted.get("id").asString();
            assertThat(started.headers().firstValue("Location")).hasValue("/api/audit/replays/" + id);
            assertThat(accepted.get("status").asString()).isEqualTo("RUNNING");
            assertThat(accepted.get("keep").asBoolean()).isFalse();

            HttpResponse<String> second = send("POST", "/api/audit/replays?keep=true");
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(second.body()).contains("\"field\":\"replay\"", "\"rule\":\"one-at-a-time\"", id);

            HttpResponse<String> early = send("GET", "/api/audit/replays/" + id + "/report.md");
            assertThat(early.statusCode()).isEqualTo(409);
            assertThat(early.body()).contains("\"rule\":\"finished\"");
        } finally {
            HeldReplayThread.release();
        }
        String id = JSON.readTree(started.body()).get("id").asString();

        JsonNode state = awaitFinished(id);

        assertThat(state.get("progress").get("phase").asString()).isEqualTo("DONE");
        assertThat(state.get("progress").get("eventsDone").asLong()).isEqualTo(PUBLISHED.size());
        assertThat(state.get("progress").get("eventsTotal").asLong()).isEqualTo(PUBLISHED.size());
        assertThat(state.get("progress").get("secondsLeft").asLong()).isZero();
        assertThat(state.get("progress").has("eventsPerSecond")).isTrue();
        JsonNode report = state.get("report");
        assertThat(report.get("replayId").asString()).isEqualTo(id);
        assertThat(report.get("eventsRead").asLong()).isEqualTo(PUBLISHED.size());
        assertThat(report.get("history").get("digest").asString()).matches("[0-9a-f]{64}");
        assertThat(report.get("comparison").get("compared").asBoolean()).isTrue();
        assertThat(report.get("comparison").get("differencesTotal").asLong()).isZero();
        JsonNode renewal = report.get("periods").get(0).get("renewals").get(0);
        assertThat(renewal.get("werkstatt").get("representative").asString()).isEqualTo(REPRESENTATIVE);
        assertThat(renewal.get("grantedOn").asString()).isEqualTo("2024-11-22");

        HttpResponse<String> markdown = send("GET", "/api/audit/replays/" + id + "/report.md");
        assertThat(markdown.statusCode()).isEqualTo(200);
        assertThat(markdown.headers().firstValue("Content-Type")).hasValue("text/markdown;charset=UTF-8");
        assertThat(markdown.body()).startsWith("# Audit replay " + id)
                .contains("**No differences**", "### 2024/25: Ausgezeichnetes Bündnis 2024/25",
                        "**Renewals: 1**", "represented by " + REPRESENTATIVE,
                        "| hamm | 2025-01-01 | RENEWAL | " + REVOCATION_REASON,
                        report.get("history").get("digest").asString());

        HttpResponse<String> html = send("GET", "/api/audit/replays/" + id + "/report.html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("<strong>No differences</strong>",
                "<td>hamm</td>", "Prüfung").doesNotContain("**");

        HttpResponse<String> kept = send("POST", "/api/audit/replays?keep=true");
        assertThat(kept.statusCode()).as("a new replay may start once the last has finished").isEqualTo(202);
        JsonNode keptReport = awaitFinished(JSON.readTree(kept.body()).get("id").asString()).get("report");
        assertThat(keptReport.get("database").get("kept").asBoolean()).isTrue();
        assertThat(keptReport.get("history").get("digest").asString())
                .isEqualTo(report.get("history").get("digest").asString());
    }

    @Test
    void answersAnUnknownReplayWith404AndABadKeepWith400() throws Exception {
        HttpResponse<String> unknown = send("GET", "/api/audit/replays/20200101T000000-abcd");
        HttpResponse<String> unknownReport = send("GET", "/api/audit/replays/20200101T000000-abcd/report.html");
        HttpResponse<String> badKeep = send("POST", "/api/audit/replays?keep=maybe");
        HttpResponse<String> badId = send("GET", "/api/audit/replays/%24where");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unknown.body()).contains("\"field\":\"id\"");
        assertThat(unknownReport.statusCode()).isEqualTo(404);
        assertThat(badKeep.statusCode()).isEqualTo(400);
        assertThat(badKeep.body()).contains("\"field\":\"keep\"", "\"rule\":\"one-of\"");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("\"rule\":\"replay-id\"");
    }

    private JsonNode awaitFinished(String id) throws Exception {
        return await("replay " + id + " finishes").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    HttpResponse<String> response = send("GET", "/api/audit/replays/" + id);
                    assertThat(response.statusCode()).isEqualTo(200);
                    JsonNode state = JSON.readTree(response.body());
                    assertThat(state.get("status").asString()).isNotEqualTo("FAILED");
                    return state;
                }, state -> state.get("status").asString().equals("FINISHED"));
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(Role.AUDITOR))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
