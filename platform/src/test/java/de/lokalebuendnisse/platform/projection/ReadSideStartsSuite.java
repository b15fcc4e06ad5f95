package de.lokalebuendnisse.platform.projection;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reading service (query service, auditors' service) starts on a machine with nothing installed, reports every
 * projection running in its health and exposes their metrics; written once, extended by each service's test under
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
 */
public abstract class ReadSideStartsSuite {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-starts");
    }

    @LocalServerPort
    int port;

    /** Every projection of the service, as the README lists them. */
    protected abstract List<String> projections();

    @Test
    void startsWithoutAxonServerAndReportsEveryProjectionRunning() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        for (String projection : projections()) {
            assertThat(health.body()).as(projection)
                    .contains("\"" + projection + "\":{\"status\":\"RUNNING\"");
        }
    }

    @Test
    void exposesLagPositionDeadLettersAndRunningOfEveryProjectionToPrometheus() throws Exception {
        HttpResponse<String> scrape = get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        for (String projection : projections()) {
            for (String metric : List.of("lbf_projection_lag_events", "lbf_projection_position",
                    "lbf_projection_dead_letters_events", "lbf_projection_running")) {
                assertThat(scrape.body()).as(metric + " of " + projection)
                        .containsPattern("(?m)^" + metric + "\\{projection=\"" + projection + "\"\\} ");
            }
            assertThat(scrape.body()).as("running: 1").contains(
                    "lbf_projection_running{projection=\"" + projection + "\"} 1.0");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(Role.ADMIN)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
