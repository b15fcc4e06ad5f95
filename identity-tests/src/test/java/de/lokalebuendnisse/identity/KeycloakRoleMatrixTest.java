package de.lokalebuendnisse.identity;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.lokalebuendnisse.identity.access.Deployables;
import de.lokalebuendnisse.identity.access.RoleTable;
import de.lokalebuendnisse.identity.access.RoleTable.Deployable;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.security.RoleMatrix;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one {@link RoleTable} against tokens a real Keycloak issued with the repository's realm file: the three
 * services trust that Keycloak as production does (issuer {@code …/realms/lbf}, keys through its discovery document
 * and key set, roles under {@code realm_access.roles}; not the tests' key), and every operation answers each role's
 * token as the table says. A command sent with a Keycloak token records the token's identity.
 *
 * <p>Runs only with {@code LBF_KEYCLOAK_TESTS=true}, on the Keycloak {@link KeycloakRealmTest} uses; switched on
 * without a JDK 21+ it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedKeycloak.class)
class KeycloakRoleMatrixTest {

    /** Tokens last five minutes; a fresh one well before that, so a slow run never sends an expired one. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Role, String> clientOf = new EnumMap<>(Role.class);
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final Map<Role, String> tokens = new EnumMap<>(Role.class);
    private final Map<Role, Instant> fetched = new EnumMap<>(Role.class);
    private KeycloakProcess keycloak;
    private Deployables deployables;

    @BeforeAll
    void startTheServicesTrustingKeycloak(KeycloakProcess keycloak) throws Exception {
        this.keycloak = keycloak;
        // machines: the realm file's own confidential clients
        use(Role.SERVICE, "crm", keycloak.secretOf("crm"));
        use(Role.ADMIN, "operations", keycloak.secretOf("operations"));
        // People hold staff and auditor, and the realm lets people in only through lbf-web (code flow with PKCE,
        // which a test cannot run per request). So this run adds, through the admin API, one confidential client
        // per role whose service account holds exactly that role; they live in this Keycloak's in-memory database
        // only. The realm file stays as it is: no such client and no password in it.
        String admin = adminToken();
        use(Role.STAFF, "lbf-test-staff", createServiceAccountClient(admin, "lbf-test-staff", "staff"));
        use(Role.AUDITOR, "lbf-test-auditor", createServiceAccountClient(admin, "lbf-test-auditor", "auditor"));

        deployables = Deployables.trusting(keycloak.issuer(), "keycloak-role-matrix",
                List.of("--lbf.security.roles-claim=realm_access.roles"), Deployable.values());
    }

    @AfterAll
    void stopTheServices() {
        if (deployables != null) {
            deployables.close();
        }
    }

    @ParameterizedTest(name = "{0} answers each role's Keycloak token as the table says")
    @EnumSource(Deployable.class)
    void everyOperationAnswersEachRolesKeycloakTokenAsTheTableSays(Deployable deployable) {
        long events = deployables.storedEvents();

        matrix(deployable).assertEnforced(deployables.apiDocs(deployable), RoleTable.of(deployable));

        assertThat(deployables.storedEvents()).as("events stored by refused or placeholder requests")
                .isEqualTo(events);
    }

    @ParameterizedTest(name = "{0}: the shared rows hold with Keycloak's tokens")
    @EnumSource(Deployable.class)
    void theSharedRowsHoldWithKeycloaksTokens(Deployable deployable) {
        matrix(deployable).assertSharedRows();
    }

    @Test
    void aRegistrationSentWithAKeycloakTokenRecordsTheTokensIdentity() throws Exception {
        String token = fetchToken(Role.SERVICE);
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

        Http.Answer registered = deployables.http(Deployable.COMMAND_SERVICE).withToken(token)
                .post("/api/buendnisse", Deployables.registration("keycloak-crm"), "X-Caller", "Bundesministerin");

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        List<DomainEventMessage<?>> events = deployables.eventsOfAlliance("keycloak-crm");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getMetaData())
                .containsEntry("callerSubject", claims.getSubject())
                .containsEntry("callerClient", "crm")
                .containsEntry("callerRole", "service")
                // a machine has no name at Keycloak: the service account's user name stands for it
                .containsEntry("caller", "service-account-crm")
                .doesNotContainValue("Bundesministerin");

        // trusting Keycloak, the services trust nothing else: a token signed with the tests' key is refused
        Http.Answer testToken = deployables.http(Deployable.COMMAND_SERVICE).withToken(TestTokens.token()
                        .issuer(keycloak.issuer()).realmRoles(Role.SERVICE).sign())
                .post("/api/buendnisse", Deployables.registration("signed-by-the-tests"));
        assertThat(testToken.status()).as(testToken.toString()).isEqualTo(401);
        assertThat(deployables.eventsOfAlliance("signed-by-the-tests")).isEmpty();
    }

    private RoleMatrix matrix(Deployable deployable) {
        return new RoleMatrix(deployables.url(deployable), this::token);
    }

    private void use(Role role, String clientId, String secret) {
        clientOf.put(role, clientId);
        secrets.put(clientId, secret);
    }

    private synchronized String token(Role role) {
        Instant at = fetched.get(role);
        if (at == null || at.plus(TOKEN_REUSE).isBefore(Instant.now())) {
            tokens.put(role, fetchToken(role));
            fetched.put(role, Instant.now());
        }
        return tokens.get(role);
    }

    private String fetchToken(Role role) {
        String client = clientOf.get(role);
        try {
            HttpResponse<String> answer = post(keycloak.issuer() + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "client_credentials", "client_id", client, "client_secret", secrets.get(client)));
            assertThat(answer.statusCode()).as(client + ": " + answer.body()).isEqualTo(200);
            return (String) JSONObjectUtils.parse(answer.body()).get("access_token");
        } catch (Exception e) {
            throw new IllegalStateException("no token for " + client, e);
        }
    }

    private String adminToken() throws Exception {
        HttpResponse<String> answer = post(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", KeycloakProcess.ADMIN_USER,
                        "password", keycloak.adminPassword));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return (String) JSONObjectUtils.parse(answer.body()).get("access_token");
    }

    /**
     * A confidential client shaped like the realm's machine clients (client credentials only, audience
     * {@code lbf-api}, only the realm roles mapped to it in its token), whose service account holds {@code role};
     * its secret, made up now.
     */
    private String createServiceAccountClient(String admin, String clientId, String role) throws Exception {
        String secret = SharedKeycloak.randomToken();
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("protocol", "openid-connect");
        client.put("publicClient", false);
        client.put("clientAuthenticatorType", "client-secret");
        client.put("secret", secret);
        client.put("serviceAccountsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        client.put("fullScopeAllowed", false);
        client.put("protocolMappers", List.of(Map.of(
                "name", "audience lbf-api", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.custom.audience", "lbf-api", "access.token.claim", "true",
                        "id.token.claim", "false"))));
        HttpResponse<String> created = adminCall("POST", "/clients", admin, JSONObjectUtils.toJSONString(client));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);

        HttpResponse<String> roleRep = adminCall("GET", "/roles/" + role, admin, null);
        assertThat(roleRep.statusCode()).as(roleRep.body()).isEqualTo(200);
        HttpResponse<String> account = adminCall("GET", "/clients/" + id + "/service-account-user", admin, null);
        assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
        String userId = (String) JSONObjectUtils.parse(account.body()).get("id");
        HttpResponse<String> held = adminCall("POST", "/users/" + userId + "/role-mappings/realm", admin,
                "[" + roleRep.body() + "]");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(204);
        HttpResponse<String> passedOn = adminCall("POST", "/clients/" + id + "/scope-mappings/realm", admin,
                "[" + roleRep.body() + "]");
        assertThat(passedOn.statusCode()).as(passedOn.body()).isEqualTo(204);
        return secret;
    }

    private HttpResponse<String> adminCall(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/lbf"
                        + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
