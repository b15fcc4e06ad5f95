package de.lokalebuendnisse.query.seal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealSigningKeyTest {

    @TempDir
    Path folder;

    @Test
    void aKeyIsMadeOnceStoredForTheOwnerOnlyAndLoadedAgain() throws Exception {
        Path file = folder.resolve("keys/seal-signing-key.json");
        SealSigningKey made = SealSigningKey.loadOrCreate(file);
        SealSigningKey loaded = SealSigningKey.loadOrCreate(file);

        assertThat(loaded.kid()).isEqualTo(made.kid());
        assertThat(loaded.publicJwk()).isEqualTo(made.publicJwk());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(made.publicJwk()).containsEntry("kty", "OKP").containsEntry("crv", "Ed25519")
                .doesNotContainKey("d");

        byte[] data = "seal".getBytes(StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(made.publicKey());
        verifier.update(data);
        assertThat(verifier.verify(loaded.sign(data))).isTrue();
    }

    @Test
    void twoKeysDiffer() {
        assertThat(SealSigningKey.loadOrCreate(folder.resolve("a.json")).kid())
                .isNotEqualTo(SealSigningKey.loadOrCreate(folder.resolve("b.json")).kid());
    }

    @Test
    void aFileThatHoldsNoEd25519KeyIsRefusedAtStart() throws Exception {
        Path file = folder.resolve("wrong.json");
        Files.writeString(file, "{\"kty\":\"RSA\",\"n\":\"abc\",\"e\":\"AQAB\"}");
        assertThatThrownBy(() -> SealSigningKey.loadOrCreate(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Ed25519");
    }
}
