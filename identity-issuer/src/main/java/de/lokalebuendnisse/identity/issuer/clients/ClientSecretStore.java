package de.lokalebuendnisse.identity.issuer.clients;

import com.nimbusds.jose.util.JSONObjectUtils;
import de.lokalebuendnisse.identity.issuer.files.OwnerOnlyFiles;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code clients.json}: each client's secret, hashed only ({@code {bcrypt}…}). A plain secret exists only in the
 * answer of {@link #issueMissing()} or {@link #renew}, which hand it to the terminal once.
 * <p>
 * The file is read on every lookup, so a secret renewed by {@code init} while the server runs takes effect at once.
 */
public final class ClientSecretStore {

    public static final String FILE_NAME = "clients.json";
    private static final int SECRET_BYTES = 32;

    private final Path file;
    private final PasswordEncoder passwordEncoder;
    private final SecureRandom random = new SecureRandom();

    public ClientSecretStore(Path issuerFolder, PasswordEncoder passwordEncoder) {
        this.file = issuerFolder.resolve(FILE_NAME);
        this.passwordEncoder = passwordEncoder;
    }

    /** The encoder both this store and the token endpoint's client authentication use. */
    public static PasswordEncoder defaultPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    public Optional<String> hashedSecret(String clientId) {
        return Optional.ofNullable(hashes().get(clientId));
    }

    /** Generates a secret for every client of the table that has none yet; answers the new ones in plain text. */
    public synchronized Map<EmbeddedClient, String> issueMissing() {
        Map<String, String> hashes = hashes();
        Map<EmbeddedClient, String> issued = new LinkedHashMap<>();
        for (EmbeddedClient client : EmbeddedClient.values()) {
            if (!hashes.containsKey(client.clientId())) {
                String secret = newSecret();
                hashes.put(client.clientId(), passwordEncoder.encode(secret));
                issued.put(client, secret);
            }
        }
        if (!issued.isEmpty() || !exists()) {
            save(hashes);
        }
        return issued;
    }

    /** A new secret for the client; the old one stops working. */
    public synchronized String renew(EmbeddedClient client) {
        Map<String, String> hashes = hashes();
        String secret = newSecret();
        hashes.put(client.clientId(), passwordEncoder.encode(secret));
        save(hashes);
        return secret;
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Map<String, String> hashes() {
        if (!exists()) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(OwnerOnlyFiles.read(file));
            Map<String, String> hashes = new LinkedHashMap<>();
            Map<String, Object> clients = JSONObjectUtils.getJSONObject(json, "clients");
            if (clients != null) {
                clients.forEach((clientId, entry) -> {
                    if (entry instanceof Map<?, ?> fields && fields.get("secretHash") instanceof String hash) {
                        hashes.put(clientId, hash);
                    }
                });
            }
            return hashes;
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not valid JSON; delete it and run init again", e);
        }
    }

    private void save(Map<String, String> hashes) {
        Map<String, Object> clients = new LinkedHashMap<>();
        hashes.forEach((clientId, hash) -> clients.put(clientId, Map.of("secretHash", hash)));
        OwnerOnlyFiles.write(file, JSONObjectUtils.toJSONString(Map.of("clients", clients)));
    }
}
