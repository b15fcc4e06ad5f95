package de.lokalebuendnisse.identity.issuer.token;

import de.lokalebuendnisse.identity.issuer.clients.EmbeddedClient;
import de.lokalebuendnisse.identity.issuer.config.IssuerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.List;

/**
 * What goes into an access token and what is kept of it. Its claims are those the services read: audience, the
 * caller's client, display name and a flat {@code roles} array (Keycloak puts roles under
 * {@code realm_access.roles}; the services' role claim is configurable and the embedded default uses {@code roles}).
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new StatelessAuthorizationService();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(IssuerProperties properties) {
        String audience = properties.issuer().audience();
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            String clientId = context.getRegisteredClient().getClientId();
            EmbeddedClient client = EmbeddedClient.byClientId(clientId).orElseThrow(
                    () -> new IllegalStateException("a token for a client outside the table: " + clientId));
            context.getClaims()
                    .subject(clientId)
                    .audience(List.of(audience))
                    .claim("client_id", clientId)
                    .claim("azp", clientId)
                    .claim("name", client.displayName())
                    .claim("roles", List.of(client.role()));
        };
    }
}
