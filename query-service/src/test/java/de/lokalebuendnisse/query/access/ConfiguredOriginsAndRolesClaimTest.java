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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment that names a browser origin and Keycloak's roles claim: the origin may call, and the roles are read
 * from {@code realm_access.roles}, not from a flat {@code roles} claim.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING,
                "lbf.security.allowed-origins=https://staff.lokale-buendnisse.example",
                "lbf.security.roles-claim=realm_access.roles"})
class ConfiguredOriginsAndRolesClaimTest {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-query-hardening-configured");
    }

    @LocalServerPort
    int port;

    @Test
    void anAllowedOriginMayCallTheApiFromABrowser() {
        Http.Answer preflight = new Http(port).send("OPTIONS", "/api/directory", null,
                "Origin", "https://staff.lokale-buendnisse.example", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin"))
                .isEqualTo("https://staff.lokale-buendnisse.example");
    }

    @Test
    void rolesAreReadFromRealmAccessRoles() {
        Http.Answer keycloakShaped = new Http(port).withToken(TestTokens.token().realmRoles(Role.STAFF).sign())
                .get("/api/directory");
        Http.Answer flat = new Http(port).as(Role.STAFF).get("/api/directory");

        assertThat(keycloakShaped.status()).as(keycloakShaped.toString()).isEqualTo(200);
        assertThat(flat.status()).isEqualTo(403);
    }
}
