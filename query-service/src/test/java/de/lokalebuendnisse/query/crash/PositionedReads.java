package de.lokalebuendnisse.query.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.command.testing.ServiceProcess;
import de.lokalebuendnisse.platform.testing.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads of the crash tests that wait until a restarted service's projection has reached a position. */
final class PositionedReads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PositionedReads() {
    }

    /** GET with the position to read, until the projection has reached it (503 until then), at most {@code within}. */
    static JsonNode awaitJson(HttpClient http, ServiceProcess service, String path, String position, Duration within)
            throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(service.url(path)))
                            .header("Authorization", "Bearer " + TestTokens.allRoles())
                            .timeout(Duration.ofSeconds(60)).header("X-Event-Position", position).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return JSON.readTree(answer.body());
            }
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(503);
            assertThat(Instant.now()).as(path + " caught up: " + answer.body()).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
