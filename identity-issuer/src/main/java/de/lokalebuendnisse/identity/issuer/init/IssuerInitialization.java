package de.lokalebuendnisse.identity.issuer.init;

import de.lokalebuendnisse.identity.issuer.clients.ClientSecretStore;
import de.lokalebuendnisse.identity.issuer.clients.EmbeddedClient;
import de.lokalebuendnisse.identity.issuer.config.IssuerProperties;
import de.lokalebuendnisse.identity.issuer.signing.SigningKeyStore;

import java.nio.file.Path;
import java.util.Map;

/**
 * Creates what the issuer's folder lacks (signing key, client secrets) and renews secrets; answers the plain
 * secrets it generated so the caller shows them once (the init command on the terminal, IssuerRunner to tests).
 */
public final class IssuerInitialization {

    private final ClientSecretStore secrets;
    private final SigningKeyStore signingKey;

    public IssuerInitialization(Path dataDir) {
        Path folder = IssuerProperties.issuerFolder(dataDir);
        this.secrets = new ClientSecretStore(folder, ClientSecretStore.defaultPasswordEncoder());
        this.signingKey = new SigningKeyStore(folder);
    }

    /** @return the secrets generated now, in the table's order; empty if every client had one already */
    public Map<EmbeddedClient, String> createMissing() {
        signingKey.loadOrCreate();
        return secrets.issueMissing();
    }

    public String renew(EmbeddedClient client) {
        return secrets.renew(client);
    }

    public Path secretsFile() {
        return secrets.file();
    }
}
