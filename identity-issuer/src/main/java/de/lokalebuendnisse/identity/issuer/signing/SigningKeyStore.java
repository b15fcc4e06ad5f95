package de.lokalebuendnisse.identity.issuer.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import de.lokalebuendnisse.identity.issuer.files.OwnerOnlyFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * {@code signing-key.json}: the RSA key pair tokens are signed with, as a JWK with its private part. Kept across
 * restarts so tokens issued before a restart stay valid; its {@code kid} is the key's thumbprint, so it is stable.
 */
public final class SigningKeyStore {

    public static final String FILE_NAME = "signing-key.json";
    private static final int KEY_SIZE = 2048;

    private final Path file;

    public SigningKeyStore(Path issuerFolder) {
        this.file = issuerFolder.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /** The stored key; created and stored first if there is none. */
    public synchronized RSAKey loadOrCreate() {
        if (exists()) {
            try {
                return RSAKey.parse(OwnerOnlyFiles.read(file));
            } catch (ParseException e) {
                throw new IllegalStateException(file + " is not an RSA JWK; delete it to get a new key", e);
            }
        }
        try {
            RSAKey generated = new RSAKeyGenerator(KEY_SIZE)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
            OwnerOnlyFiles.write(file, generated.toJSONString());
            return generated;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the signing key", e);
        }
    }
}
