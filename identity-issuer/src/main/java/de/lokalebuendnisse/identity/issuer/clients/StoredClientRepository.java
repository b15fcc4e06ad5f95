package de.lokalebuendnisse.identity.issuer.clients;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import java.time.Duration;

/**
 * The clients of {@link EmbeddedClient}'s table with their hashed secret from clients.json, looked up afresh on
 * each request so a renewed secret counts at once. A client without a stored secret does not exist.
 */
final class StoredClientRepository implements RegisteredClientRepository {

    private final ClientSecretStore secrets;
    private final TokenSettings tokenSettings;

    StoredClientRepository(ClientSecretStore secrets, Duration accessTokenLifetime) {
        this.secrets = secrets;
        this.tokenSettings = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(accessTokenLifetime)
                .build();
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("the clients are fixed by EmbeddedClient");
    }

    // the registration's id is its client id: there is one registration per client
    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return EmbeddedClient.byClientId(clientId)
                .flatMap(client -> secrets.hashedSecret(client.clientId())
                        .map(hash -> registration(client, hash)))
                .orElse(null);
    }

    private RegisteredClient registration(EmbeddedClient client, String secretHash) {
        return RegisteredClient.withId(client.clientId())
                .clientId(client.clientId())
                .clientName(client.displayName())
                .clientSecret(secretHash)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(tokenSettings)
                .build();
    }
}
