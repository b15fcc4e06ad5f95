package de.lokalebuendnisse.platform.security;

import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The one place tokens are verified: an RS256 signature by the issuer's key (so {@code alg: none} and symmetric
 * algorithms are refused), the configured issuer, the API's audience, a subject, and expiry and not-before within
 * the allowed clock skew. The issuer's keys are fetched when the first token arrives, not at start-up, so a service
 * starts while its issuer is still starting; until the issuer answers, every token is refused (401). A token that
 * passed is remembered for a short while ({@link VerifiedTokens}).
 */
final class TokenValidation {

    private TokenValidation() {
    }

    static JwtDecoder decoder(IdentityProperties properties) {
        return VerifiedTokens.around(verifier(properties), properties.verifiedTokens(),
                properties.verifiedTokenMaxAge());
    }

    /** Verifies every token it is given. */
    static JwtDecoder verifier(IdentityProperties properties) {
        if (properties.publicKeyLocation() != null) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey(properties.publicKeyLocation()))
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
            decoder.setJwtValidator(validator(properties));
            return decoder;
        }
        return new OnFirstToken(() -> {
            NimbusJwtDecoder decoder = properties.jwkSetUri() != null
                    ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256).build()
                    : NimbusJwtDecoder.withIssuerLocation(properties.issuerUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256).build();
            decoder.setJwtValidator(validator(properties));
            return decoder;
        });
    }

    /**
     * Builds the decoder when the first token arrives, and again on the next one when the issuer could not be
     * reached: a failure says the token could not be checked (503), not that it is bad (401).
     */
    static final class OnFirstToken implements JwtDecoder {
        private final Supplier<JwtDecoder> build;
        private volatile JwtDecoder decoder;

        OnFirstToken(Supplier<JwtDecoder> build) {
            this.build = build;
        }

        @Override
        public Jwt decode(String token) {
            JwtDecoder current = decoder;
            if (current == null) {
                synchronized (this) {
                    if (decoder == null) {
                        try {
                            decoder = build.get();
                        } catch (RuntimeException e) {
                            throw new JwtException("the issuer's discovery document cannot be read", e);
                        }
                    }
                    current = decoder;
                }
            }
            return current.decode(token);
        }
    }

    static OAuth2TokenValidator<Jwt> validator(IdentityProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuerUri()),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(properties.audience())),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank()),
                // a token without an expiry would never stop working
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, expiry -> expiry != null));
    }

    private static RSAPublicKey publicKey(Resource location) {
        try (InputStream in = location.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("lbf.security.public-key-location cannot be read: " + location, e);
        }
    }
}
