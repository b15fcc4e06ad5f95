package de.lokalebuendnisse.command.access;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Idempotency-Key belongs to the caller who sent it: another caller using the same key neither sees the first
 * answer (which could tell it what someone else did) nor is refused for reusing a key it never used.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class IdempotencyKeyOwnerTest {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-command-key-owner");
    }

    @LocalServerPort
    int port;

    @Test
    void anotherCallersRequestUnderTheSameKeyIsARequestOfItsOwn() {
        String key = "shared-" + UUID.randomUUID();
        Http staff = new Http(port).as(Role.STAFF);
        Http crm = new Http(port).as(Role.SERVICE);

        Http.Answer first = staff.post("/api/buendnisse", registration("Hamm"), "Idempotency-Key", key);
        Http.Answer other = crm.post("/api/buendnisse", registration("Unna"), "Idempotency-Key", key);
        Http.Answer resent = staff.post("/api/buendnisse", registration("Hamm"), "Idempotency-Key", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(other.json().path("buendnisId").asText()).isNotEqualTo(first.json().path("buendnisId").asText());
        assertThat(resent.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(resent.json().path("buendnisId").asText()).isEqualTo(first.json().path("buendnisId").asText());
    }

    private static String registration(String place) {
        return Http.json("""
                {'name': 'Lokales Bündnis für Familie %s', 'municipalityKey': '05915000', 'place': '%s',
                 'bundesland': 'DE-NW', 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2006-05-15',
                 'fieldsOfAction': ['CHILD_CARE']}""".formatted(place, place));
    }
}
