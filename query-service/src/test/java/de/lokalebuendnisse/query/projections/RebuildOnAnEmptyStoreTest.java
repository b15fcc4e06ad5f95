package de.lokalebuendnisse.query.projections;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator who rebuilds a projection of a service that has seen no event yet (a fresh installation) gets a
 * rebuild that finishes, not a server error: Axon cannot reset a token that was never stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class RebuildOnAnEmptyStoreTest {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-query-empty-rebuild");
    }

    @LocalServerPort
    int port;

    @Test
    void everyProjectionOfAFreshServiceCanBeRebuiltAndTheRebuildFinishes() {
        Http admin = new Http(port).as(Role.ADMIN);
        for (String projection : new String[] {"directory", "eligibility", "seal-register"}) {
            Http.Answer started = admin.post("/api/admin/projections/" + projection + "/rebuild", null);
            assertThat(started.status()).as(projection + ": " + started.body()).isBetween(200, 299);

            JsonNode state = await("rebuild of " + projection).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> JsonMapper.builder().build().readTree(
                                    admin.get("/api/admin/projections/" + projection).body()),
                            answer -> answer.path("rebuild").path("finished").asBoolean());
            assertThat(state.path("running").asBoolean()).as(projection + " runs again").isTrue();
            assertThat(new Http(port).as(Role.STAFF).get("/api/directory").status()).as("answers again").isEqualTo(200);
        }
    }
}
