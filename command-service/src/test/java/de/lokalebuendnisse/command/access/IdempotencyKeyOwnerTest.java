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

    private static java.nio.file.Path data;

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        data = TemporaryDataFolder.register(registry, "lbf-command-key-owner");
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

    @Test
    void aKeyIsKeptOnlyAsItsHashSoWhateverACallerPutInItStaysOutOfTheFiles() throws Exception {
        String key = "Erika-Mustermann-" + UUID.randomUUID();

        Http.Answer first = new Http(port).as(Role.STAFF).post("/api/buendnisse", registration("Soest"),
                "Idempotency-Key", key);
        Http.Answer resent = new Http(port).as(Role.STAFF).post("/api/buendnisse", registration("Soest"),
                "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(resent.header("Idempotent-Replayed")).isEqualTo("true");
        byte[] needle = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var files = java.nio.file.Files.walk(data)) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile).filter(file -> contains(file, needle)))
                    .as("files holding the key in clear").isEmpty();
        }
        // the search finds what is there: the place name is stored in clear
        try (var files = java.nio.file.Files.walk(data)) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile)
                    .filter(file -> contains(file, "Lokales Bündnis für Familie Soest".getBytes(
                            java.nio.charset.StandardCharsets.UTF_8)))).isNotEmpty();
        }
    }

    private static boolean contains(java.nio.file.Path file, byte[] needle) {
        try {
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            outer:
            for (int i = 0; i <= bytes.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String registration(String place) {
        return Http.json("""
                {'name': 'Lokales Bündnis für Familie %s', 'municipalityKey': '05915000', 'place': '%s',
                 'bundesland': 'DE-NW', 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2006-05-15',
                 'fieldsOfAction': ['CHILD_CARE']}""".formatted(place, place));
    }
}
