package de.lokalebuendnisse.identity.issuer.web;

import de.lokalebuendnisse.identity.issuer.config.IssuerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Which requests the issuer answers: the authorization server's endpoints (token, JWKS, discovery; the OIDC ones
 * switched on so {@code /.well-known/openid-configuration} exists), the health check, and nothing else.
 */
@Configuration(proxyBeanMethods = false)
class EndpointsSecurityConfiguration {

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IssuerProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        // without a configured URL the issuer is the URL each request came in on (tests on a random port)
        if (!properties.issuer().url().isBlank()) {
            settings.issuer(properties.issuer().url());
        }
        return settings.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // only these endpoints answer browsers from other origins (CrossOriginConfiguration)
                .cors(Customizer.withDefaults())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
