package de.lokalebuendnisse.identity.issuer.clients;

import de.lokalebuendnisse.identity.issuer.signing.SigningKeyStore;
import de.lokalebuendnisse.identity.issuer.testing.IssuerRunner;
import de.lokalebuendnisse.identity.issuer.testing.SharedIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the issuer's folder keeps: hashes instead of secrets, and files only their owner can read. */
@ExtendWith(SharedIssuer.class)
class StoredSecretsTest {

    private static IssuerRunner issuer;

    @BeforeAll
    static void useTheSharedIssuer(IssuerRunner shared) {
        issuer = shared;
    }

    @Test
    void clients_json_holds_no_plain_secret() throws Exception {
        byte[] stored = Files.readAllBytes(issuer.dataDir().resolve("issuer").resolve(ClientSecretStore.FILE_NAME));
        String storedText = new String(stored, StandardCharsets.ISO_8859_1);

        for (EmbeddedClient client : EmbeddedClient.values()) {
            String secret = issuer.secret(client.clientId());
            assertThat(secret).hasSizeGreaterThanOrEqualTo(43); // 32 bytes, base64url without padding
            assertThat(storedText).as(client.clientId()).contains(client.clientId()).doesNotContain(secret);
        }
        assertThat(storedText).contains("{bcrypt}");
    }

    @Test
    void the_secret_files_are_readable_by_their_owner_only() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        for (String file : new String[] {ClientSecretStore.FILE_NAME, SigningKeyStore.FILE_NAME}) {
            assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(issuer.dataDir().resolve("issuer").resolve(file)))).as(file)
                    .isEqualTo("rw-------");
        }
    }
}
