package de.lokalebuendnisse.identity.issuer.init;

import de.lokalebuendnisse.identity.issuer.clients.EmbeddedClient;
import de.lokalebuendnisse.identity.issuer.testing.IssuerRunner;
import de.lokalebuendnisse.identity.issuer.testing.TokenRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code init}: shows new secrets once, then only says where they went; {@code --renew} replaces one. */
class InitCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void init_shows_each_secret_once_and_renew_replaces_one() {
        Printed first = init();
        Map<String, String> secrets = PrintedCredentials.fromCurlLines(first.text());
        assertThat(first.exitCode()).isEqualTo(InitCommand.OK);
        assertThat(PrintedCredentials.curlLines(first.text())).isEqualTo(EmbeddedClient.values().length);
        assertThat(secrets.keySet()).containsExactlyElementsOf(
                Arrays.stream(EmbeddedClient.values()).map(EmbeddedClient::clientId).toList());

        Printed again = init();
        assertThat(again.exitCode()).isEqualTo(InitCommand.OK);
        assertThat(again.text()).contains("shown when they were generated", "--renew");
        secrets.values().forEach(secret -> assertThat(again.text()).doesNotContain(secret));
        assertThat(PrintedCredentials.curlLines(again.text())).isZero();

        try (IssuerRunner issuer = IssuerRunner.serve(dataDir, secrets)) {
            secrets.keySet().forEach(clientId -> assertThat(
                    TokenRequests.clientCredentials(issuer.url(), clientId, secrets.get(clientId)).statusCode())
                    .as(clientId).isEqualTo(200));

            Printed renewal = init("--renew=crm");
            Map<String, String> renewed = PrintedCredentials.fromCurlLines(renewal.text());
            assertThat(renewed).containsOnlyKeys("crm");

            assertThat(TokenRequests.clientCredentials(issuer.url(), "crm", secrets.get("crm")).statusCode())
                    .isEqualTo(401);
            assertThat(TokenRequests.clientCredentials(issuer.url(), "crm", renewed.get("crm")).statusCode())
                    .isEqualTo(200);
            assertThat(TokenRequests.clientCredentials(issuer.url(), "pruefung", secrets.get("pruefung"))
                    .statusCode()).as("the other clients keep theirs").isEqualTo(200);
        }
    }

    @Test
    void renew_all_replaces_every_secret() {
        Map<String, String> before = PrintedCredentials.fromCurlLines(init().text());

        Map<String, String> after = PrintedCredentials.fromCurlLines(init("--renew-all").text());

        assertThat(after).hasSameSizeAs(before);
        after.forEach((clientId, secret) -> assertThat(secret).isNotEqualTo(before.get(clientId)));
    }

    @Test
    void renewing_an_unknown_client_is_a_usage_error() {
        init();

        Printed answer = init("--renew=lbf-web");

        assertThat(answer.exitCode()).isEqualTo(InitCommand.USAGE);
        assertThat(answer.text()).contains("Unknown client 'lbf-web'", "servicebuero");
        assertThat(PrintedCredentials.curlLines(answer.text())).isZero();
    }

    private Printed init(String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = new String[options.length + 2];
        args[0] = InitCommand.NAME;
        args[1] = "--lbf.data-dir=" + dataDir;
        System.arraycopy(options, 0, args, 2, options.length);
        int exitCode = InitCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Printed(exitCode, out.toString(StandardCharsets.UTF_8));
    }

    private record Printed(int exitCode, String text) {
    }
}
