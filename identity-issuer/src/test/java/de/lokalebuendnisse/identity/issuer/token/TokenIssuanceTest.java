package de.lokalebuendnisse.identity.issuer.token;

import com.nimbusds.jwt.JWTClaimsSet;
import de.lokalebuendnisse.identity.issuer.clients.EmbeddedClient;
import de.lokalebuendnisse.identity.issuer.testing.IssuerRunner;
import de.lokalebuendnisse.identity.issuer.testing.SharedIssuer;
import de.lokalebuendnisse.identity.issuer.testing.TokenRequests;
import de.lokalebuendnisse.identity.issuer.testing.TokenSignatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every client of the table gets a signed token with the claims the services read. */
@ExtendWith(SharedIssuer.class)
class TokenIssuanceTest {

    private static IssuerRunner issuer;

    @BeforeAll
    static void useTheSharedIssuer(IssuerRunner shared) {
        issuer = shared;
    }

    @ParameterizedTest
    @EnumSource(EmbeddedClient.class)
    void a_client_gets_an_RS256_token_with_its_identity_and_role(EmbeddedClient client) throws Exception {
        String token = issuer.token(client.clientId());

        JWTClaimsSet claims = TokenSignatures.verifiedClaims(token, issuer.url());
        assertThat(claims.getIssuer()).isEqualTo(issuer.url());
        assertThat(claims.getSubject()).isEqualTo(client.clientId());
        assertThat(claims.getAudience()).contains("lbf-api");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(client.clientId());
        assertThat(claims.getStringClaim("azp")).isEqualTo(client.clientId());
        assertThat(claims.getStringClaim("name")).isEqualTo(client.displayName()).contains("(eingebettet)");
        assertThat(claims.getStringListClaim("roles")).containsExactly(client.role());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void the_secret_may_also_come_in_the_form_body() throws Exception {
        HttpResponse<String> answer = TokenRequests.postForm(issuer.url() + "/oauth2/token",
                Map.of("grant_type", "client_credentials", "client_id", "pruefung",
                        "client_secret", issuer.secret("pruefung")), null);

        JWTClaimsSet claims = TokenSignatures.verifiedClaims(TokenRequests.accessToken(answer), issuer.url());
        assertThat(claims.getStringListClaim("roles")).containsExactly("auditor");
    }

    @Test
    void discovery_names_the_token_endpoint_and_the_keys() {
        Map<String, Object> discovery = TokenRequests.json(
                TokenRequests.get(issuer.url() + "/.well-known/openid-configuration"));

        assertThat(discovery).containsEntry("issuer", issuer.url())
                .containsEntry("token_endpoint", issuer.url() + "/oauth2/token")
                .containsEntry("jwks_uri", issuer.url() + "/oauth2/jwks");
    }

    @Test
    void the_health_check_answers_without_details() {
        HttpResponse<String> health = TokenRequests.get(issuer.url() + "/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TokenRequests.json(health)).containsEntry("status", "UP").doesNotContainKeys("components", "details");
    }
}
