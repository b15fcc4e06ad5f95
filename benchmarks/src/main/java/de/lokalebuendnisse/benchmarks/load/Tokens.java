package de.lokalebuendnisse.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A key pair made fresh for one benchmark run, and RS256 access tokens signed with it, as the issuer makes them
 * (issuer, audience {@code lbf-api}, subject, name, client, flat {@code roles}). The services trust the public key
 * for the run only ({@link #serviceSettings()}); the private key never leaves this process.
 */
public final class Tokens {

    public static final String ISSUER = "https://benchmark.lbf.invalid";
    private final KeyPair keys;
    private final Path publicKeyFile;

    private Tokens(KeyPair keys, Path publicKeyFile) {
        this.keys = keys;
        this.publicKeyFile = publicKeyFile;
    }

    /** A new key pair; its public key as PEM in {@code folder}. */
    public static Tokens fresh(Path folder) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
            Path file = Files.createDirectories(folder).resolve("benchmark-issuer-public.pem");
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return new Tokens(keys, file);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a service needs to trust this run's tokens. */
    public List<String> serviceSettings() {
        return List.of("--lbf.security.issuer-uri=" + ISSUER,
                "--lbf.security.public-key-location=" + publicKeyFile.toUri());
    }

    /** A token holding {@code role} (service, staff, auditor, admin), valid for two hours. */
    public String of(String role) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"benchmark\"}";
        String claims = ("{\"iss\":\"%s\",\"aud\":\"lbf-api\",\"sub\":\"benchmark-%s\",\"name\":\"Benchmark %s\","
                + "\"azp\":\"benchmark-%s\",\"roles\":[\"%s\"],\"iat\":%d,\"nbf\":%d,\"exp\":%d,\"jti\":\"%s\"}")
                .formatted(ISSUER, role, role, role, role, now, now, now + 7200, UUID.randomUUID());
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
