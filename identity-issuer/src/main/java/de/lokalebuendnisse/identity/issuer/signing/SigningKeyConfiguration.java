package de.lokalebuendnisse.identity.issuer.signing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import de.lokalebuendnisse.identity.issuer.config.IssuerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The one stored key tokens are signed with; the JWKS endpoint publishes its public part. Declared here rather than
 * left to Spring Boot's authorization server auto-configuration, which the issuer does not use (see
 * IssuerInfrastructure).
 */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

    @Bean
    JWKSource<SecurityContext> jwkSource(IssuerProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(new SigningKeyStore(properties.issuerFolder()).loadOrCreate()));
    }

    /** The OIDC endpoints' own checks of the issuer's tokens (Spring Security requires one once OIDC is on). */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return NimbusJwtDecoder.withJwkSource(jwkSource).build();
    }
}
