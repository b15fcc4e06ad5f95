package de.lokalebuendnisse.identity.access;

import de.lokalebuendnisse.identity.access.RoleTable.Deployable;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.security.RoleMatrix;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may call what, tried against every deployable running, with no token and with a token of each role: the
 * answers must be those of the one {@link RoleTable}, for every operation each service's API document lists, and
 * nothing the matrix sends may be stored. Tokens come from the tests' own key here; {@code KeycloakRoleMatrixTest}
 * runs the same table against tokens a real Keycloak issued.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {

    private Deployables deployables;

    @BeforeAll
    void startEveryDeployable() {
        deployables = Deployables.trustingTestTokens("role-matrix", Deployable.values());
    }

    @AfterAll
    void stop() {
        if (deployables != null) {
            deployables.close();
        }
    }

    @ParameterizedTest(name = "{0} answers each role as the table says")
    @EnumSource(Deployable.class)
    void everyOperationAnswersEachRoleAsTheTableSaysAndNothingIsStored(Deployable deployable) {
        long events = deployables.storedEvents();

        matrix(deployable).assertEnforced(deployables.apiDocs(deployable), RoleTable.of(deployable));

        assertThat(deployables.storedEvents()).as("events stored by refused or placeholder requests")
                .isEqualTo(events);
    }

    @ParameterizedTest(name = "{0}: health and the API document are open, metrics for admin, unknown paths for nobody")
    @EnumSource(Deployable.class)
    void theSharedRowsHoldEverywhere(Deployable deployable) {
        matrix(deployable).assertSharedRows();
    }

    // the matrix itself: a table that disagrees with the service must fail, or the tests above prove nothing

    @Test
    void aRowAdmittingARoleTheServiceRefusesFails() {
        Map<String, Set<Role>> planted = new LinkedHashMap<>(RoleTable.of(Deployable.AUDIT_SERVICE));
        planted.put("GET /api/audit/exports/{year}", EnumSet.of(Role.AUDITOR, Role.STAFF));

        assertThatThrownBy(() -> matrix(Deployable.AUDIT_SERVICE)
                .assertEnforced(deployables.apiDocs(Deployable.AUDIT_SERVICE), planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/audit/exports/{year}: the document says x-roles [auditor], "
                        + "the table [auditor, staff]")
                .hasMessageContaining("GET /api/audit/exports/{year} as staff: 403, expected to pass");
    }

    @Test
    void aRowRefusingARoleTheServiceAdmitsFails() {
        Map<String, Set<Role>> planted = new LinkedHashMap<>(RoleTable.of(Deployable.AUDIT_SERVICE));
        planted.put("GET /api/audit/verify", EnumSet.of(Role.AUDITOR));

        assertThatThrownBy(() -> matrix(Deployable.AUDIT_SERVICE)
                .assertEnforced(deployables.apiDocs(Deployable.AUDIT_SERVICE), planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/audit/verify as staff: ")
                .hasMessageContaining("expected 403");
    }

    @Test
    void anOperationMissingFromTheTableFails() {
        Map<String, Set<Role>> missing = new LinkedHashMap<>(RoleTable.of(Deployable.AUDIT_SERVICE));
        missing.remove("POST /api/audit/replays");

        assertThatThrownBy(() -> matrix(Deployable.AUDIT_SERVICE)
                .assertEnforced(deployables.apiDocs(Deployable.AUDIT_SERVICE), missing))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("an operation without a row")
                .hasMessageContaining("POST /api/audit/replays");
    }

    private RoleMatrix matrix(Deployable deployable) {
        return new RoleMatrix(deployables.url(deployable), TestTokens::of);
    }
}
