package de.lokalebuendnisse.identity.issuer.clients;

import de.lokalebuendnisse.identity.issuer.config.IssuerProperties;
import de.lokalebuendnisse.identity.issuer.init.CredentialsReport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import java.util.Map;

/** The clients, their hashed secrets and how the token endpoint checks a presented secret. */
@Configuration(proxyBeanMethods = false)
class ClientsConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return ClientSecretStore.defaultPasswordEncoder();
    }

    /**
     * On a folder without secrets (a standalone start without {@code init}) they are generated and printed here,
     * once, to standard output; {@code ./run.sh} runs {@code init} first so this never lands in its log file.
     */
    @Bean
    ClientSecretStore clientSecretStore(IssuerProperties properties, PasswordEncoder passwordEncoder) {
        ClientSecretStore store = new ClientSecretStore(properties.issuerFolder(), passwordEncoder);
        Map<EmbeddedClient, String> issued = store.issueMissing();
        if (!issued.isEmpty()) {
            CredentialsReport.printNew(issued, properties.issuer().urlForCurl(), store.file(), System.out);
        }
        return store;
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(ClientSecretStore store, IssuerProperties properties) {
        return new StoredClientRepository(store, properties.issuer().accessTokenLifetime());
    }
}
