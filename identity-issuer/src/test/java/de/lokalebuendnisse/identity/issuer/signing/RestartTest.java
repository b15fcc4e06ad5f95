package de.lokalebuendnisse.identity.issuer.signing;

import com.nimbusds.jwt.SignedJWT;
import de.lokalebuendnisse.identity.issuer.clients.EmbeddedClient;
import de.lokalebuendnisse.identity.issuer.testing.IssuerRunner;
import de.lokalebuendnisse.identity.issuer.testing.StandardOutput;
import de.lokalebuendnisse.identity.issuer.testing.TokenSignatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart on the same folder keeps the key and the secrets, and shows nothing new. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void tokens_key_and_secrets_survive_a_restart_and_nothing_is_printed() throws Exception {
        try (IssuerRunner issuer = IssuerRunner.start(dataDir)) {
            String tokenBefore = issuer.token("operations");
            String kidBefore = SignedJWT.parse(tokenBefore).getHeader().getKeyID();
            assertThat(TokenSignatures.publishedKeys(issuer.url()).getKeyByKeyId(kidBefore)).isNotNull();

            String printed = StandardOutput.printedDuring(issuer::restart);

            assertThat(TokenSignatures.publishedKeys(issuer.url()).getKeys())
                    .extracting(key -> key.getKeyID()).containsExactly(kidBefore);
            assertThat(TokenSignatures.verifiedClaims(tokenBefore, issuer.url()).getSubject()).isEqualTo("operations");
            for (EmbeddedClient client : EmbeddedClient.values()) {
                assertThat(SignedJWT.parse(issuer.token(client.clientId())).getHeader().getKeyID())
                        .isEqualTo(kidBefore);
                assertThat(printed).doesNotContain(issuer.secret(client.clientId()));
            }
            assertThat(printed).doesNotContain("curl", "Client credentials");
        }
    }
}
