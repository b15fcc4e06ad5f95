package de.lokalebuendnisse.identity.issuer.signing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import de.lokalebuendnisse.identity.issuer.config.IssuerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.nimbusds.jose.jwk.source.JWKSource;

/** The one stored key tokens are signed with; the JWKS endpoint publishes its public part. */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

    @Bean
    JWKSource<SecurityContext> jwkSource(IssuerProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(new SigningKeyStore(properties.issuerFolder()).loadOrCreate()));
    }
}
