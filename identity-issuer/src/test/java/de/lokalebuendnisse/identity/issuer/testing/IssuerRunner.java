package de.lokalebuendnisse.identity.issuer.testing;

import de.lokalebuendnisse.identity.issuer.IdentityIssuerApplication;
import de.lokalebuendnisse.identity.issuer.clients.EmbeddedClient;
import de.lokalebuendnisse.identity.issuer.init.IssuerInitialization;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real token issuer in this JVM on a random port, for end-to-end tests that need real tokens: its secrets are
 * taken from the initialization itself (not from printed output), and {@link #token} fetches a token over HTTP.
 * <p>
 * Its issuer URL is the one requests come in on ({@link #url()}), so give the services
 * {@code lbf.security.issuer-uri=}{@link #url()}.
 */
public final class IssuerRunner implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> secrets;
    private final List<String> settings;
    private ConfigurableApplicationContext context;

    private IssuerRunner(Path dataDir, Map<String, String> secrets, List<String> settings) {
        this.dataDir = dataDir;
        this.secrets = Map.copyOf(secrets);
        this.settings = List.copyOf(settings);
        this.context = run();
    }

    /**
     * Initializes the folder in-process and starts the server. A folder initialized before gets new secrets for
     * every client, as only their hashes are stored.
     *
     * @param settings further {@code --key=value} settings, e.g. {@code --lbf.issuer.url=…}
     */
    public static IssuerRunner start(Path dataDir, String... settings) {
        IssuerInitialization initialization = new IssuerInitialization(dataDir);
        Map<String, String> secrets = new LinkedHashMap<>();
        initialization.createMissing().forEach((client, secret) -> secrets.put(client.clientId(), secret));
        for (EmbeddedClient client : EmbeddedClient.values()) {
            secrets.computeIfAbsent(client.clientId(), id -> initialization.renew(client));
        }
        return new IssuerRunner(dataDir, secrets, List.of(settings));
    }

    /** Starts the server on a folder initialized elsewhere (e.g. by the init command) whose secrets are known. */
    public static IssuerRunner serve(Path dataDir, Map<String, String> knownSecrets, String... settings) {
        return new IssuerRunner(dataDir, knownSecrets, List.of(settings));
    }

    private ConfigurableApplicationContext run() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--lbf.data-dir=" + dataDir));
        if (settings.stream().noneMatch(setting -> setting.startsWith("--lbf.issuer.url="))) {
            args.add("--lbf.issuer.url=");
        }
        args.addAll(settings);
        return IdentityIssuerApplication.builder(IdentityIssuerApplication.class).run(args.toArray(String[]::new));
    }

    /** Stops the server and starts it again on the same folder (same key, same secrets), on a new port. */
    public IssuerRunner restart() {
        context.close();
        context = run();
        return this;
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String secret(String clientId) {
        String secret = secrets.get(clientId);
        if (secret == null) {
            throw new IllegalArgumentException("no such client: " + clientId);
        }
        return secret;
    }

    /** A fresh access token for the client, fetched over HTTP with the client credentials grant. */
    public String token(String clientId) {
        return TokenRequests.accessToken(TokenRequests.clientCredentials(url(), clientId, secret(clientId)));
    }

    @Override
    public void close() {
        context.close();
    }
}
