package de.lokalebuendnisse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The realm file of the repository ({@code identity/keycloak/lbf-realm.json}) in a real Keycloak, with tokens
 * checked the way the services' resource servers will check them (Nimbus JOSE, as Spring Security does):
 * signature against the realm's JWKS, issuer, audience {@code lbf-api}, expiry, and the roles under
 * {@code realm_access.roles}.
 *
 * <p>Runs only when switched on: {@code LBF_KEYCLOAK_TESTS=true ./mvnw -B verify} (what {@code .ci/run} does).
 * The switch activates the Maven profile {@code keycloak}, which fetches the distribution (about 200 MB, once into
 * the local Maven repository) and unpacks it under {@code target/}. Switched on, a missing JDK 21+ fails the test:
 * CI must not pass without having proven the realm.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedKeycloak.class)
class KeycloakRealmTest {

    static final String AUDIENCE = "lbf-api";
    static final String REDIRECT = "http://localhost:8080/login/oauth2/code/lbf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeycloakProcess keycloak;
    private DefaultJWTProcessor<SecurityContext> verifier;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    void verifyTokensAgainstTheRealmsKeys(KeycloakProcess keycloak) throws Exception {
        this.keycloak = keycloak;
        Map<String, Object> discovery = getJson(keycloak.issuer() + "/.well-known/openid-configuration");
        assertThat(discovery.get("issuer")).isEqualTo(keycloak.issuer());
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(URI.create((String) discovery.get("jwks_uri")).toURL())
                .build();
        verifier = new DefaultJWTProcessor<>();
        verifier.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        verifier.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                Set.of(AUDIENCE),
                new JWTClaimsSet.Builder().issuer(keycloak.issuer()).build(),
                Set.of("sub", "exp", "iat", "azp", "realm_access"),
                null));
    }

    // ------------------------------------------------------------------------------------------ machine clients

    @ParameterizedTest(name = "{0} gets a token with exactly the role {1}")
    @CsvSource({"survey-import, service", "werkstatt-registration, service", "crm, service", "operations, admin"})
    void machineClientGetsAVerifiedTokenWithItsRoleOnly(String clientId, String role) throws Exception {
        HttpResponse<String> answer = clientCredentials(clientId, secretOf(clientId));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Map<String, Object> body = JSONObjectUtils.parse(answer.body());
        assertThat(body).doesNotContainKey("refresh_token");
        // Keycloak answers the seconds left, which a second boundary between issuing and answering makes 299
        assertThat(((Number) body.get("expires_in")).longValue()).isBetween(299L, 300L);

        JWTClaimsSet claims = verify((String) body.get("access_token"));
        // the realm's lifespan itself, exactly, from the signed claims
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000L);
        assertThat(claims.getAudience()).contains(AUDIENCE);
        assertThat(claims.getStringClaim("azp")).isEqualTo(clientId);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("service-account-" + clientId);
        assertThat(realmRoles(claims)).containsExactly(role);
        assertLifetimeAboutFiveMinutes(claims);
    }

    @Test
    void wrongSecretIsRefused() throws Exception {
        HttpResponse<String> answer = clientCredentials("crm", secretOf("survey-import"));
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat((String) JSONObjectUtils.parse(answer.body()).get("error"))
                .isIn("invalid_client", "unauthorized_client");
        assertThat(answer.body()).doesNotContain("access_token");

        HttpResponse<String> noSecret = clientCredentials("crm", "");
        assertThat(noSecret.statusCode()).isIn(400, 401);
        assertThat(noSecret.body()).doesNotContain("access_token");
    }

    @Test
    void aTamperedOrForeignTokenIsRefused() throws Exception {
        String token = accessToken(clientCredentials("survey-import", secretOf("survey-import")));
        String[] parts = token.split("\\.");
        // change the payload's roles and keep the signature
        Map<String, Object> payload = JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8));
        payload.put("realm_access", Map.of("roles", List.of("staff")));
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                JSONObjectUtils.toJSONString(payload).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> verifier.process(forged, null)).hasMessageContaining("Signed JWT rejected");
        // the same signature, alg none
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertThatThrownBy(() -> verifier.process(none, null)).isNotNull();
    }

    // ------------------------------------------------------------------------------------ the browser's client

    @Test
    void publicClientCannotUseClientCredentialsNorPasswords() throws Exception {
        HttpResponse<String> credentials = post(tokenEndpoint(), Map.of(
                "grant_type", "client_credentials", "client_id", "lbf-web"));
        assertThat(credentials.statusCode()).as(credentials.body()).isIn(400, 401);
        assertThat(credentials.body()).doesNotContain("access_token");

        String username = "pw-" + randomToken().substring(0, 8).toLowerCase();
        String password = randomToken();
        createUser(username, password, "staff");
        HttpResponse<String> passwordGrant = post(tokenEndpoint(), Map.of(
                "grant_type", "password", "client_id", "lbf-web", "username", username, "password", password,
                "scope", "openid"));
        assertThat(passwordGrant.statusCode()).as(passwordGrant.body()).isIn(400, 401);
        assertThat(passwordGrant.body()).contains("unauthorized_client").doesNotContain("access_token");
    }

    @Test
    void browserLoginWithoutPkceOrToAForeignRedirectIsRefused() throws Exception {
        HttpResponse<String> noPkce = get(keycloak.issuer() + "/protocol/openid-connect/auth?" + form(Map.of(
                "client_id", "lbf-web", "response_type", "code", "scope", "openid", "redirect_uri", REDIRECT,
                "state", "s")), new LinkedHashMap<>());
        assertThat(noPkce.statusCode()).isIn(302, 303, 400);
        if (noPkce.statusCode() != 400) {
            String location = noPkce.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith(REDIRECT).contains("error=invalid_request").doesNotContain("code=");
        }

        HttpResponse<String> plain = get(keycloak.issuer() + "/protocol/openid-connect/auth?" + form(Map.of(
                "client_id", "lbf-web", "response_type", "code", "scope", "openid", "redirect_uri", REDIRECT,
                "state", "s", "code_challenge", "abcdefghijabcdefghijabcdefghijabcdefghij123",
                "code_challenge_method", "plain")), new LinkedHashMap<>());
        assertThat(plain.statusCode()).isIn(302, 303, 400);
        if (plain.statusCode() != 400) {
            assertThat(plain.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request");
        }

        HttpResponse<String> foreign = get(keycloak.issuer() + "/protocol/openid-connect/auth?" + form(Map.of(
                "client_id", "lbf-web", "response_type", "code", "scope", "openid",
                "redirect_uri", "https://attacker.example/cb", "state", "s",
                "code_challenge", "abcdefghijabcdefghijabcdefghijabcdefghij123", "code_challenge_method", "S256")),
                new LinkedHashMap<>());
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void anAuditorLogsInWithCodeAndPkceAndHasExactlyTheRoleAuditor() throws Exception {
        String username = "auditor-" + randomToken().substring(0, 8).toLowerCase();
        String password = randomToken();
        createUser(username, password, "auditor");

        // 1. the browser is sent to the login page with an S256 challenge
        String verifierValue = randomToken() + randomToken();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifierValue.getBytes(StandardCharsets.US_ASCII)));
        String state = randomToken();
        Map<String, String> browser = new LinkedHashMap<>();
        HttpResponse<String> loginPage = get(keycloak.issuer() + "/protocol/openid-connect/auth?" + form(Map.of(
                "client_id", "lbf-web", "response_type", "code", "scope", "openid", "redirect_uri", REDIRECT,
                "state", state, "code_challenge", challenge, "code_challenge_method", "S256")), browser);
        assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
        Matcher action = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"")
                .matcher(loginPage.body());
        assertThat(action.find()).as("the login form in:\n" + loginPage.body()).isTrue();

        // 2. the person types name and password
        HttpResponse<String> loggedIn = post(action.group(1).replace("&amp;", "&"),
                Map.of("username", username, "password", password, "credentialId", ""), browser);
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
        URI back = URI.create(loggedIn.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(REDIRECT);
        Map<String, String> query = parseQuery(back.getRawQuery());
        assertThat(query.get("state")).isEqualTo(state);
        String code = query.get("code");
        assertThat(code).isNotBlank();

        // 3. the application exchanges the code; without the verifier it would not get a token
        HttpResponse<String> withoutVerifier = post(tokenEndpoint(), Map.of("grant_type", "authorization_code",
                "client_id", "lbf-web", "code", code, "redirect_uri", REDIRECT, "code_verifier",
                randomToken() + randomToken()));
        assertThat(withoutVerifier.statusCode()).isEqualTo(400);
        assertThat(withoutVerifier.body()).doesNotContain("access_token");
        // a code is single-use; the failed attempt spent it, so log in again for the real exchange
        code = loginAgain(browser, challenge, state);
        HttpResponse<String> exchanged = post(tokenEndpoint(), Map.of("grant_type", "authorization_code",
                "client_id", "lbf-web", "code", code, "redirect_uri", REDIRECT, "code_verifier", verifierValue));
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);

        JWTClaimsSet claims = verify(accessToken(exchanged));
        assertThat(realmRoles(claims)).containsExactly("auditor");
        assertThat(claims.getAudience()).contains(AUDIENCE);
        assertThat(claims.getStringClaim("azp")).isEqualTo("lbf-web");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(username);
        assertThat(claims.getStringClaim("name")).isEqualTo("Erika Mustermann");
        assertLifetimeAboutFiveMinutes(claims);
    }

    /** The SSO session exists now, so the authorization endpoint answers with a fresh code at once. */
    private String loginAgain(Map<String, String> browser, String challenge, String state) throws Exception {
        HttpResponse<String> again = get(keycloak.issuer() + "/protocol/openid-connect/auth?" + form(Map.of(
                "client_id", "lbf-web", "response_type", "code", "scope", "openid", "redirect_uri", REDIRECT,
                "state", state, "code_challenge", challenge, "code_challenge_method", "S256")), browser);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(302);
        return parseQuery(URI.create(again.headers().firstValue("Location").orElseThrow()).getRawQuery())
                .get("code");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private JWTClaimsSet verify(String token) throws Exception {
        return verifier.process(token, null);
    }

    private static List<String> realmRoles(JWTClaimsSet claims) throws Exception {
        Map<String, Object> realmAccess = claims.getJSONObjectClaim("realm_access");
        assertThat(realmAccess).as("realm_access in " + claims).isNotNull();
        @SuppressWarnings("unchecked")
        List<String> roles = (List<String>) realmAccess.get("roles");
        return roles;
    }

    private static void assertLifetimeAboutFiveMinutes(JWTClaimsSet claims) {
        long lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())
                .toSeconds();
        assertThat(lifetime).isBetween(290L, 310L);
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now());
    }

    private String secretOf(String clientId) {
        return keycloak.secretOf(clientId);
    }

    private String tokenEndpoint() {
        return keycloak.issuer() + "/protocol/openid-connect/token";
    }

    private HttpResponse<String> clientCredentials(String clientId, String secret) throws Exception {
        return post(tokenEndpoint(), Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret));
    }

    private static String accessToken(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return (String) JSONObjectUtils.parse(answer.body()).get("access_token");
    }

    /** A person whose password is made up at run time, through the admin API (no user is committed). */
    private void createUser(String username, String password, String role) throws Exception {
        String admin = accessToken(post(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", KeycloakProcess.ADMIN_USER,
                        "password", keycloak.adminPassword)));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("firstName", "Erika");
        user.put("lastName", "Mustermann");
        user.put("email", username + "@example.org");
        user.put("emailVerified", true);
        user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = adminCall("POST", "/users", admin, JSONObjectUtils.toJSONString(user));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String userId = location.substring(location.lastIndexOf('/') + 1);

        HttpResponse<String> roleRep = adminCall("GET", "/roles/" + role, admin, null);
        assertThat(roleRep.statusCode()).as(roleRep.body()).isEqualTo(200);
        HttpResponse<String> mapped = adminCall("POST", "/users/" + userId + "/role-mappings/realm", admin,
                "[" + roleRep.body() + "]");
        assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(204);
    }

    private HttpResponse<String> adminCall(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/lbf"
                        + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> getJson(String url) throws Exception {
        HttpResponse<String> answer = get(url, null);
        assertThat(answer.statusCode()).as(url + ": " + answer.body()).isEqualTo(200);
        return JSONObjectUtils.parse(answer.body());
    }

    private HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
        return post(url, fields, null);
    }

    private HttpResponse<String> post(String url, Map<String, String> fields, Map<String, String> cookies)
            throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))), cookies);
    }

    private HttpResponse<String> get(String url, Map<String, String> cookies) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), cookies);
    }

    /**
     * One request; with a cookie jar (name to value), like a browser that carries Keycloak's login session cookies.
     * Kept by hand: with {@link java.net.CookieManager} Keycloak did not get its login session cookie back over
     * plain HTTP on 127.0.0.1 ({@code cookie_not_found}), a browser on localhost does.
     */
    private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> cookies)
            throws IOException, InterruptedException {
        if (cookies != null && !cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (cookies != null) {
            for (String setCookie : answer.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
        return answer;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
