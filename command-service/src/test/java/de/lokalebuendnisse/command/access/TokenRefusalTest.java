package de.lokalebuendnisse.command.access;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way a token can fail is refused on its own, with 401, {@code WWW-Authenticate: Bearer}, a problem+json
 * naming the check that failed (never echoing the token), and nothing stored; a good token without the operation's
 * role gets 403. Sent as a calling service registering an alliance, the command the most callers may send.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class TokenRefusalTest {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-command-tokens");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource eventStore;

    long eventsBefore;

    @BeforeEach
    void countEvents() {
        eventsBefore = events();
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(events()).as("events stored").isEqualTo(eventsBefore);
    }

    @Test
    void aRequestWithoutATokenIsAskedForOne() {
        Http.Answer answer = register(null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"lbf-api\"");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.rules()).containsExactly("token-required");
        assertThat(answer.fields()).containsExactly("Authorization");
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRefused() {
        assertRefused(TestTokens.token().role(Role.SERVICE).unsigned(), "token-signature");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        assertRefused(TestTokens.token().role(Role.SERVICE).signedByStranger().sign(), "token-signature");
    }

    @Test
    void aTokenWhosePayloadWasAlteredAfterSigningIsRefused() {
        String[] parts = TestTokens.of(Role.AUDITOR).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"auditor\"", "\"service\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertRefused(tampered, "token-signature");
    }

    @Test
    void aTokenOfAForeignIssuerIsRefused() {
        assertRefused(TestTokens.token().role(Role.SERVICE).issuer("https://issuer.example.org/realms/other").sign(),
                "token-issuer");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(TestTokens.token().role(Role.SERVICE).audience("another-api").sign(), "token-audience");
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(TestTokens.token().role(Role.SERVICE).issuedAt(Instant.now().minus(Duration.ofMinutes(10)))
                .sign(), "token-expired");
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        assertRefused(TestTokens.token().role(Role.SERVICE).issuedAt(Instant.now().plus(Duration.ofMinutes(5)))
                .sign(), "token-not-yet-valid");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertRefused(TestTokens.token().role(Role.SERVICE).withoutExpiry().sign(), "token-claims");
    }

    @Test
    void somethingThatIsNoJwtIsRefused() {
        assertRefused("not-a-token", "token-format");
    }

    @Test
    void aTokenThatExpiredWithinTheAllowedClockSkewStillCounts() {
        // expired 10 s ago; the services allow 30 s between the issuer's clock and theirs
        String token = TestTokens.token().role(Role.SERVICE)
                .issuedAt(Instant.now().minus(Duration.ofMinutes(5)).minusSeconds(10)).sign();

        Http.Answer answer = new Http(port).withToken(token).post("/api/buendnisse", "{}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    }

    @Test
    void aValidTokenWithoutTheOperationsRoleIsForbiddenAndTheAnswerNamesTheRolesNeeded() {
        Http.Answer answer = register(TestTokens.of(Role.AUDITOR));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.rules()).containsExactly("role-required");
        assertThat(answer.json().path("violations").get(0).path("detail").asText()).endsWith("service, staff");
    }

    @Test
    void aTokenWithRolesThisSystemDoesNotKnowGrantsNothing() {
        Http.Answer answer = register(TestTokens.token().claim("roles", java.util.List.of("superuser", "STAFF"))
                .sign());

        assertThat(answer.status()).isEqualTo(403);
    }

    private void assertRefused(String token, String rule) {
        Http.Answer answer = register(token);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer realm=\"lbf-api\", error=\"invalid_token\"");
        assertThat(answer.rules()).containsExactly(rule);
        assertThat(answer.body()).doesNotContain(token.length() > 20 ? token.substring(token.length() - 20) : token)
                .doesNotContain("Exception").doesNotContain("springframework");
    }

    private Http.Answer register(String token) {
        Http http = token == null ? new Http(port) : new Http(port).withToken(token);
        return http.post("/api/buendnisse", Http.json("""
                {'id': 'token-%s', 'name': 'Lokales Bündnis für Familie Hamm', 'municipalityKey': '05915000',
                 'place': 'Hamm', 'bundesland': 'DE-NW', 'organisationForm': 'WORKING_GROUP',
                 'foundedOn': '2006-05-15', 'fieldsOfAction': ['CHILD_CARE']}""".formatted(UUID.randomUUID())));
    }

    private long events() {
        return new JdbcTemplate(eventStore).queryForObject("select count(*) from DomainEventEntry", Long.class);
    }
}
