package de.lokalebuendnisse.query.access;

import de.lokalebuendnisse.platform.http.contract.OpenApiAssertions;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.security.RoleMatrix;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;
import java.util.Set;

import static de.lokalebuendnisse.platform.security.Role.ADMIN;
import static de.lokalebuendnisse.platform.security.Role.AUDITOR;
import static de.lokalebuendnisse.platform.security.Role.SERVICE;
import static de.lokalebuendnisse.platform.security.Role.STAFF;
import static java.util.Map.entry;

/**
 * Who may read what here, tried against the running service with a token of each role and without one: the
 * README's roles table for this deployable, which the service's own rules ({@code QueryAccess}) must agree with for
 * every operation its API document lists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class RoleMatrixTest {

    static final Map<String, Set<Role>> TABLE = Map.ofEntries(
            entry("GET /api/directory", Set.of(SERVICE, STAFF, AUDITOR)),
            entry("GET /api/directory/stats", Set.of(SERVICE, STAFF, AUDITOR)),
            entry("GET /api/directory/{id}", Set.of(SERVICE, STAFF, AUDITOR)),
            entry("GET /api/eligibility/{period}", Set.of(SERVICE, STAFF, AUDITOR)),
            entry("GET /api/eligibility/{period}/{buendnisId}", Set.of(SERVICE, STAFF, AUDITOR)),
            entry("GET /api/eligibility/{period}/stream", Set.of(SERVICE, STAFF, AUDITOR)),
            entry("GET /api/admin/projections", Set.of(ADMIN)),
            entry("GET /api/admin/projections/{name}", Set.of(ADMIN)),
            entry("POST /api/admin/projections/{name}/rebuild", Set.of(ADMIN)),
            entry("POST /api/admin/projections/{name}/dead-letters/retry", Set.of(ADMIN)));

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-query-roles");
    }

    @LocalServerPort
    int port;

    @Test
    void everyOperationAnswersEachRoleAsTheTableSays() {
        new RoleMatrix("http://localhost:" + port, TestTokens::of)
                .assertEnforced(OpenApiAssertions.read(new Http(port).get("/v3/api-docs").body()), TABLE);
    }

    @Test
    void healthAndTheApiDocumentAreOpenMetricsAreForOperationsAndAnUnknownPathForNobody() {
        new RoleMatrix("http://localhost:" + port, TestTokens::of).assertSharedRows();
    }
}
