package de.lokalebuendnisse.identity.issuer.web;

import de.lokalebuendnisse.identity.issuer.config.IssuerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.List;

/**
 * The services' Swagger UI (another origin) fetches a token with the client credentials flow from its authorize
 * button; so the token endpoint, the keys and discovery allow the configured origins, and no other path does.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginConfiguration {

    static final List<String> CROSS_ORIGIN_PATHS = List.of("/oauth2/token", "/oauth2/jwks",
            "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server");

    // the name Spring Security's cors() looks for
    @Bean
    CorsConfigurationSource corsConfigurationSource(IssuerProperties properties) {
        CorsConfiguration allowed = new CorsConfiguration();
        allowed.setAllowedOrigins(properties.issuer().allowedOrigins());
        allowed.setAllowedMethods(List.of("GET", "POST"));
        allowed.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "X-Requested-With"));
        allowed.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        CROSS_ORIGIN_PATHS.forEach(path -> source.registerCorsConfiguration(path, allowed));
        return source;
    }
}
