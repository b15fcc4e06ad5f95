package de.lokalebuendnisse.platform.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.lokalebuendnisse.platform.security.Role;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens for the tests: RS256 JWTs signed with a key pair kept for the tests only (next to this class; it
 * signs nothing outside them), checked by the services exactly as production tokens are (signature, issuer,
 * audience, expiry), with the public key handed over as {@code lbf.security.public-key-location} instead of through
 * the issuer's key set. The key-set path is tested with the embedded issuer and with Keycloak (module
 * identity-tests).
 * <p>
 * A service under test needs {@link #ISSUER_SETTING} and {@link #KEY_SETTING} (constants, so
 * {@code @SpringBootTest(properties = …)} can name them); {@link ServiceRunner} adds them, and a service started as
 * a process gets {@link #processSettings()}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.lbf.test/realms/lbf";
    public static final String AUDIENCE = "lbf-api";
    private static final String RESOURCE = "de/lokalebuendnisse/platform/testing/";
    public static final String ISSUER_SETTING = "lbf.security.issuer-uri=" + ISSUER;
    public static final String KEY_SETTING = "lbf.security.public-key-location=classpath:" + RESOURCE
            + "test-issuer-public.pem";
    private static final PrivateKey SIGNING_KEY = privateKey();

    private TestTokens() {
    }

    /** A token of a test client holding {@code role}, valid for five minutes. */
    public static String of(Role role) {
        return token().role(role).sign();
    }

    /**
     * A token holding every role, for tests about something other than access (input rules, hostile requests): it
     * passes every access rule, so what such a test sees is the service's answer to the input.
     */
    public static String allRoles() {
        return token().claim("roles", java.util.Arrays.stream(Role.values()).map(Role::claimValue).toList())
                .claim("name", "Test all roles").sign();
    }

    /** {@code Authorization} header value for {@link #of(Role)}. */
    public static String bearer(Role role) {
        return "Bearer " + of(role);
    }

    /** A token to shape, for the refusal tests: starts as a valid {@code staff} token. */
    public static Token token() {
        return new Token();
    }

    /** The settings for a service started as its own process (the public key is written to a file). */
    public static List<String> processSettings() {
        try {
            Path file = Files.createTempFile("lbf-test-issuer", ".pem");
            file.toFile().deleteOnExit();
            try (InputStream in = resource("test-issuer-public.pem")) {
                Files.write(file, in.readAllBytes());
            }
            return List.of("--" + ISSUER_SETTING, "--lbf.security.public-key-location=" + file.toUri());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The identity a token of {@code role} carries: subject, display name, client. */
    public static String subject(Role role) {
        return "test-" + role.claimValue() + "-subject";
    }

    public static String name(Role role) {
        return "Test " + role.claimValue();
    }

    public static String client(Role role) {
        return "test-" + role.claimValue() + "-client";
    }

    /** A token under construction. */
    public static final class Token {
        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).jwtID(UUID.randomUUID().toString());
        private Instant issuedAt = Instant.now();
        private Duration lifetime = Duration.ofMinutes(5);
        private PrivateKey key = SIGNING_KEY;

        private Token() {
            role(Role.STAFF);
        }

        /** Subject, name, client and {@code roles} of a test client holding {@code role}. */
        public Token role(Role role) {
            claims.subject(subject(role)).claim("name", name(role)).claim("azp", client(role))
                    .claim("roles", List.of(role.claimValue()));
            return this;
        }

        public Token claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        /** Keycloak's shape: the roles under {@code realm_access.roles}, no flat {@code roles}. */
        public Token realmRoles(Role... roles) {
            claims.claim("roles", null).claim("realm_access",
                    Map.of("roles", java.util.Arrays.stream(roles).map(Role::claimValue).toList()));
            return this;
        }

        public Token issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Token audience(String audience) {
            claims.audience(audience);
            return this;
        }

        public Token issuedAt(Instant instant) {
            issuedAt = instant;
            return this;
        }

        public Token lifetime(Duration duration) {
            lifetime = duration;
            return this;
        }

        public Token withoutExpiry() {
            lifetime = null;
            return this;
        }

        /** Signed with another key than the one the services trust. */
        public Token signedByStranger() {
            try {
                java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                key = generator.generateKeyPair().getPrivate();
                return this;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private JWTClaimsSet claims() {
            claims.issueTime(Date.from(issuedAt)).notBeforeTime(Date.from(issuedAt));
            claims.expirationTime(lifetime == null ? null : Date.from(issuedAt.plus(lifetime)));
            return claims.build();
        }

        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(),
                        claims());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The same claims, unsigned: header {@code {"alg":"none"}} and an empty signature. */
        public String unsigned() {
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            return encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + encoder.encodeToString(claims().toString().getBytes(StandardCharsets.UTF_8)) + ".";
        }
    }

    private static PrivateKey privateKey() {
        try (InputStream in = resource("test-issuer-private.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(RESOURCE + name);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + name + " is not on the test class path");
        }
        return in;
    }
}
