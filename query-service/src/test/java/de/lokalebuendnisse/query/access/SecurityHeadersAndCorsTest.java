package de.lokalebuendnisse.query.access;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What comes with access on every answer, as configured by default: the security headers (also on refusals and
 * errors), CORS closed, the API document offering the issuer's token endpoint to its authorize button, and roles
 * read from the flat {@code roles} claim only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class SecurityHeadersAndCorsTest {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-query-hardening");
    }

    @LocalServerPort
    int port;

    @Test
    void everyAnswerCarriesTheSecurityHeadersAlsoARefusalAndAnError() {
        for (Http.Answer answer : new Http.Answer[] {
                new Http(port).as(Role.STAFF).get("/api/directory"),
                new Http(port).get("/api/directory"),
                new Http(port).as(Role.STAFF).get("/api/directory?size=2.99"),
                new Http(port).as(Role.AUDITOR).get("/api/admin/projections")}) {
            assertThat(answer.header("X-Content-Type-Options")).as(answer.toString()).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).as(answer.toString()).isEqualTo("DENY");
            assertThat(answer.header("Cache-Control")).as(answer.toString()).contains("no-store");
            assertThat(answer.header("Referrer-Policy")).as(answer.toString()).isEqualTo("no-referrer");
            assertThat(answer.header("Set-Cookie")).as(answer.toString()).isNull();
        }
    }

    @Test
    void aBrowserOnAnotherOriginIsNotLetIn() {
        Http.Answer preflight = new Http(port).send("OPTIONS", "/api/directory", null,
                "Origin", "https://evil.example", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");
        Http.Answer read = new Http(port).as(Role.STAFF).get("/api/directory", "Origin", "https://evil.example");

        // the browser sends the request only when the preflight's answer allows its origin: it does not
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void theApiDocumentOffersTheIssuersTokenEndpointForItsAuthorizeButton() {
        JsonNode schemes = JsonMapper.builder().build().readTree(new Http(port).get("/v3/api-docs").body())
                .path("components").path("securitySchemes");

        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("oauth2").path("flows").path("clientCredentials").path("tokenUrl").asString())
                .isEqualTo("http://localhost:8084/oauth2/token");
    }

    @Test
    void aFlatRolesClaimIsNotReadWhereTheDeploymentNamesAnother() {
        // the default claim is roles: a Keycloak-shaped token's realm roles are not read from it
        Http.Answer answer = new Http(port).withToken(TestTokens.token().realmRoles(Role.STAFF).sign())
                .get("/api/directory");

        assertThat(answer.status()).isEqualTo(403);
    }
}
