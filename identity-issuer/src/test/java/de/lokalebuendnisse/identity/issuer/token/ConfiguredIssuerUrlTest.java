package de.lokalebuendnisse.identity.issuer.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.lokalebuendnisse.identity.issuer.testing.IssuerRunner;
import de.lokalebuendnisse.identity.issuer.testing.TokenRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** With lbf.issuer.url set, tokens and discovery name that URL, whatever address the request came in on. */
class ConfiguredIssuerUrlTest {

    @TempDir
    Path dataDir;

    @Test
    void tokens_and_discovery_carry_the_configured_issuer_and_audience() throws Exception {
        try (IssuerRunner issuer = IssuerRunner.start(dataDir,
                "--lbf.issuer.url=http://issuer.example:9999", "--lbf.issuer.audience=other-api")) {
            JWTClaimsSet claims = SignedJWT.parse(issuer.token("crm")).getJWTClaimsSet();

            assertThat(claims.getIssuer()).isEqualTo("http://issuer.example:9999");
            assertThat(claims.getAudience()).containsExactly("other-api");
            assertThat(TokenRequests.json(TokenRequests.get(issuer.url() + "/.well-known/openid-configuration")))
                    .containsEntry("issuer", "http://issuer.example:9999");
        }
    }
}
