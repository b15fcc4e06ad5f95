package de.lokalebuendnisse.identity.issuer.init;

import de.lokalebuendnisse.identity.issuer.clients.EmbeddedClient;
import de.lokalebuendnisse.identity.issuer.testing.IssuerRunner;
import de.lokalebuendnisse.identity.issuer.testing.StandardOutput;
import de.lokalebuendnisse.identity.issuer.testing.TokenRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A server started without init on an empty folder generates the secrets and shows them, once. */
class StandaloneStartTest {

    @TempDir
    Path dataDir;

    @Test
    void the_first_start_shows_working_secrets_and_a_restart_shows_none() {
        AtomicReference<IssuerRunner> started = new AtomicReference<>();
        String firstStart = StandardOutput.printedDuring(() -> started.set(IssuerRunner.serve(dataDir, Map.of())));
        try (IssuerRunner issuer = started.get()) {
            Map<String, String> secrets = PrintedCredentials.fromCurlLines(firstStart);
            assertThat(secrets).hasSize(EmbeddedClient.values().length);
            secrets.forEach((clientId, secret) -> assertThat(
                    TokenRequests.clientCredentials(issuer.url(), clientId, secret).statusCode())
                    .as(clientId).isEqualTo(200));

            String restart = StandardOutput.printedDuring(issuer::restart);

            assertThat(PrintedCredentials.curlLines(restart)).isZero();
            secrets.values().forEach(secret -> assertThat(restart).doesNotContain(secret));
        }
    }

}
