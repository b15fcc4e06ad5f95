package de.lokalebuendnisse.identity.issuer.init;

import de.lokalebuendnisse.identity.issuer.clients.EmbeddedClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the terminal shows of new secrets: each client's id, role and secret, and a ready curl that fetches a token.
 * Written to the terminal only, never through the logger, so secrets do not land in a log file.
 */
public final class CredentialsReport {

    private CredentialsReport() {
    }

    public static void printNew(Map<EmbeddedClient, String> secrets, String issuerUrl, Path secretsFile, PrintStream out) {
        out.println();
        out.println("Client credentials of the embedded token issuer (shown this once; only their hashes are kept in "
                + secretsFile + "):");
        secrets.forEach((client, secret) -> out.printf("  %-24s role %-8s secret %s%n",
                client.clientId(), client.role(), secret));
        out.println("A token per client:");
        secrets.forEach((client, secret) -> out.println("  " + curl(client, secret, issuerUrl)));
        out.println();
    }

    public static void printAlreadyShown(Path secretsFile, PrintStream out) {
        out.println("The issuer's client secrets were shown when they were generated (only their hashes are kept in "
                + secretsFile + ").");
        out.println("New ones: init --renew=<client> (one of " + clientIds() + ") or init --renew-all;"
                + " the old secret stops working.");
    }

    static String curl(EmbeddedClient client, String secret, String issuerUrl) {
        return "curl -s -u " + client.clientId() + ":" + secret + " -d grant_type=client_credentials "
                + issuerUrl + "/oauth2/token";
    }

    static String clientIds() {
        StringBuilder ids = new StringBuilder();
        for (EmbeddedClient client : EmbeddedClient.values()) {
            ids.append(ids.isEmpty() ? "" : ", ").append(client.clientId());
        }
        return ids.toString();
    }
}
