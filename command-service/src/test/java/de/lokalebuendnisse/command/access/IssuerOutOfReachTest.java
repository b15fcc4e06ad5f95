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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the token issuer cannot be reached, a token cannot be checked: the service says so with 503 and
 * Retry-After, not with 401 (the token may be fine) and not with a server error. It starts all the same: the
 * issuer is asked when the first token arrives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // port 1 on loopback: nothing listens there
        properties = {"lbf.security.issuer-uri=http://127.0.0.1:1/realms/lbf"})
class IssuerOutOfReachTest {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-command-no-issuer");
    }

    @LocalServerPort
    int port;

    @Test
    void aTokenThatCannotBeCheckedIsAnsweredWithServiceUnavailable() {
        Http.Answer answer = new Http(port).as(Role.STAFF).post("/api/buendnisse", "{}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.rules()).containsExactly("issuer-unreachable");
    }

    @Test
    void withoutATokenTheAnswerIsStillUnauthenticated() {
        assertThat(new Http(port).post("/api/buendnisse", "{}").status()).isEqualTo(401);
    }

    @Test
    void healthNeedsNoIssuer() {
        assertThat(new Http(port).get("/actuator/health").status()).isEqualTo(200);
    }
}
