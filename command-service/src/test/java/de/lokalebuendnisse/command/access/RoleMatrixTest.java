package de.lokalebuendnisse.command.access;

import de.lokalebuendnisse.platform.http.contract.OpenApiAssertions;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.security.RoleMatrix;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Set;

import static de.lokalebuendnisse.platform.security.Role.SERVICE;
import static de.lokalebuendnisse.platform.security.Role.STAFF;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may send which command, tried against the running service with a token of each role and without one. The
 * table is the README's roles table for this deployable; the service's own rules ({@code CommandAccess}) must
 * agree with it for every operation its API document lists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class RoleMatrixTest {

    static final Map<String, Set<Role>> TABLE = Map.ofEntries(
            entry("POST /api/buendnisse", Set.of(SERVICE, STAFF)),
            entry("PUT /api/buendnisse/{id}/profile", Set.of(SERVICE, STAFF)),
            entry("POST /api/buendnisse/{id}/partners", Set.of(SERVICE, STAFF)),
            entry("DELETE /api/buendnisse/{id}/partners/{partnerId}", Set.of(SERVICE, STAFF)),
            entry("POST /api/buendnisse/{id}/pause", Set.of(SERVICE, STAFF)),
            entry("POST /api/buendnisse/{id}/resume", Set.of(SERVICE, STAFF)),
            entry("POST /api/buendnisse/{id}/dissolve", Set.of(SERVICE, STAFF)),
            entry("POST /api/survey-campaigns", Set.of(STAFF)),
            entry("POST /api/survey-campaigns/{year}/submissions", Set.of(SERVICE, STAFF)),
            entry("PUT /api/survey-campaigns/{year}/submissions/{buendnisId}", Set.of(SERVICE, STAFF)),
            entry("POST /api/survey-campaigns/{year}/close", Set.of(STAFF)),
            entry("POST /api/seal-awards", Set.of(STAFF)),
            entry("POST /api/seal-awards/{period}/werkstaetten", Set.of(SERVICE, STAFF)),
            entry("POST /api/seal-awards/{period}/attendances", Set.of(SERVICE, STAFF)),
            entry("POST /api/seal-awards/{period}/grants", Set.of(STAFF)),
            entry("POST /api/seal-awards/{period}/ceremony", Set.of(STAFF)),
            entry("POST /api/seal-awards/{period}/revocations", Set.of(STAFF)),
            entry("POST /api/seal-awards/{period}/close", Set.of(STAFF)),
            entry("POST /api/audit/chain/seals", Set.of(STAFF)));

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-command-roles");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource eventStore;

    @Test
    void everyOperationAnswersEachRoleAsTheTableSaysAndNothingIsStored() {
        long events = events();
        RoleMatrix matrix = new RoleMatrix("http://localhost:" + port, TestTokens::of);

        matrix.assertEnforced(OpenApiAssertions.read(new Http(port).get("/v3/api-docs").body()), TABLE);

        assertThat(events()).as("events stored by refused or placeholder requests").isEqualTo(events);
    }

    @Test
    void healthAndTheApiDocumentAreOpenMetricsAreForOperationsAndAnUnknownPathForNobody() {
        new RoleMatrix("http://localhost:" + port, TestTokens::of).assertSharedRows();
    }

    private long events() {
        return new JdbcTemplate(eventStore).queryForObject("select count(*) from DomainEventEntry", Long.class);
    }
}
