package de.lokalebuendnisse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The realm file's rules that need no Keycloak, in every build: what may never be committed (a secret, a user
 * with a password) and what the services will rely on (the four roles, the clients and their grants, PKCE, the
 * audience, the token lifetime, roles limited per client). {@link KeycloakRealmTest} proves the same file in a
 * real Keycloak when switched on.
 */
class RealmFileTest {

    static Map<String, Object> realm;
    static String text;

    @BeforeAll
    static void read() throws Exception {
        text = Files.readString(Path.of(System.getProperty("lbf.realm-file")));
        realm = JSONObjectUtils.parse(text);
    }

    @Test
    void realmLbfWithTheFourRolesAndFiveMinuteTokens() {
        assertThat(realm.get("realm")).isEqualTo("lbf");
        assertThat(realm.get("enabled")).isEqualTo(true);
        assertThat(((Number) realm.get("accessTokenLifespan")).intValue()).isEqualTo(300);
        assertThat(realm.get("registrationAllowed")).isEqualTo(false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> roles = (List<Map<String, Object>>) ((Map<String, Object>) realm.get("roles"))
                .get("realm");
        assertThat(roles).extracting(r -> r.get("name"))
                .containsExactlyInAnyOrder("service", "staff", "auditor", "admin");
    }

    @Test
    void noSecretAndNoPasswordIsCommitted() {
        for (Map<String, Object> client : clients()) {
            if (Boolean.FALSE.equals(client.get("publicClient"))) {
                assertThat((String) client.get("secret")).as(client.get("clientId") + "'s secret")
                        .matches("\\$\\{LBF_KC_[A-Z_]+_SECRET}");
            } else {
                assertThat(client).doesNotContainKey("secret");
            }
        }
        for (Map<String, Object> user : maps(realm.get("users"))) {
            assertThat(user).as("committed user " + user.get("username"))
                    .doesNotContainKeys("credentials", "hashedPassword");
            assertThat(user.get("serviceAccountClientId")).as("only service-account users are committed")
                    .isNotNull();
        }
        assertThat(text).doesNotContainIgnoringCase("\"password\"").doesNotContain("hashedSaltedValue");
    }

    @Test
    void machineClientsUseClientCredentialsOnlyWithTheirOneRole() {
        Map<String, String> expected = Map.of("survey-import", "service", "werkstatt-registration", "service",
                "crm", "service", "operations", "admin");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Map<String, Object> client = client(e.getKey());
            assertThat(client.get("publicClient")).isEqualTo(false);
            assertThat(client.get("serviceAccountsEnabled")).isEqualTo(true);
            assertThat(client.get("standardFlowEnabled")).isEqualTo(false);
            assertThat(client.get("implicitFlowEnabled")).isEqualTo(false);
            assertThat(client.get("directAccessGrantsEnabled")).isEqualTo(false);
            assertThat(scopeRoles(e.getKey())).containsExactly(e.getValue());
            Map<String, Object> serviceAccount = maps(realm.get("users")).stream()
                    .filter(u -> e.getKey().equals(u.get("serviceAccountClientId"))).findFirst().orElseThrow();
            assertThat(strings(serviceAccount.get("realmRoles"))).containsExactly(e.getValue());
        }
    }

    @Test
    void browserClientIsPublicWithPkceS256AndLocalRedirectsOnly() {
        Map<String, Object> web = client("lbf-web");
        assertThat(web.get("publicClient")).isEqualTo(true);
        assertThat(web.get("standardFlowEnabled")).isEqualTo(true);
        assertThat(web.get("implicitFlowEnabled")).isEqualTo(false);
        assertThat(web.get("directAccessGrantsEnabled")).isEqualTo(false);
        assertThat(web.get("serviceAccountsEnabled")).isEqualTo(false);
        assertThat(attributes(web).get("pkce.code.challenge.method")).isEqualTo("S256");
        assertThat(strings(web.get("redirectUris"))).allSatisfy(uri ->
                assertThat(uri).matches("http://(localhost|127\\.0\\.0\\.1):.*"));
        assertThat(scopeRoles("lbf-web")).containsExactlyInAnyOrder("staff", "auditor", "admin");
    }

    @Test
    void everyClientPutsTheAudienceLbfApiAndOnlyItsOwnRolesIntoTokens() {
        assertThat(clients()).extracting(c -> c.get("clientId")).containsExactlyInAnyOrder(
                "survey-import", "werkstatt-registration", "crm", "operations", "lbf-web");
        for (Map<String, Object> client : clients()) {
            assertThat(client.get("fullScopeAllowed")).as(client.get("clientId") + " fullScopeAllowed")
                    .isEqualTo(false);
            List<Map<String, Object>> audiences = maps(client.get("protocolMappers")).stream()
                    .filter(m -> "oidc-audience-mapper".equals(m.get("protocolMapper"))).toList();
            assertThat(audiences).as(client.get("clientId") + "'s audience mapper").hasSize(1);
            Map<String, Object> config = attributes(audiences.get(0), "config");
            assertThat(config.get("included.custom.audience")).isEqualTo("lbf-api");
            assertThat(config.get("access.token.claim")).isEqualTo("true");
        }
    }

    @Test
    void composeRunsTheSameKeycloakVersionWithThisRealmFile() throws Exception {
        String compose = Files.readString(Path.of(System.getProperty("lbf.realm-file"))
                .getParent().getParent().getParent().resolve("docker-compose.yml"));
        assertThat(compose).contains("quay.io/keycloak/keycloak:" + System.getProperty("lbf.keycloak.version"))
                .contains("./identity/keycloak/lbf-realm.json:/opt/keycloak/data/import/lbf-realm.json")
                .contains("--import-realm");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static List<Map<String, Object>> clients() {
        return maps(realm.get("clients"));
    }

    static Map<String, Object> client(String clientId) {
        return clients().stream().filter(c -> clientId.equals(c.get("clientId"))).findFirst().orElseThrow();
    }

    static Set<String> scopeRoles(String clientId) {
        return maps(realm.get("scopeMappings")).stream()
                .filter(m -> clientId.equals(m.get("client")))
                .flatMap(m -> ((List<?>) m.get("roles")).stream().map(String::valueOf))
                .collect(Collectors.toSet());
    }

    static Map<String, Object> attributes(Map<String, Object> client) {
        return attributes(client, "attributes");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> attributes(Map<String, Object> owner, String key) {
        return (Map<String, Object>) owner.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
