package de.lokalebuendnisse.query.seal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The office's Ed25519 key that signs seal credentials, from the JDK alone. Kept as a JWK (kty OKP, crv Ed25519,
 * with its private part {@code d}) in one file readable by the owner only; made on first start when the file is
 * missing, so a production deployment provides its own file and keeps it. The public part is published as a JWK
 * whose {@code kid} is its RFC 7638 thumbprint.
 */
public final class SealSigningKey {

    // DER prefixes of the JDK's encodings of a raw 32-byte Ed25519 key (RFC 8410)
    private static final byte[] X509_PREFIX = hex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");
    private static final Pattern MEMBER = Pattern.compile("\"(kty|crv|x|d)\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final byte[] x;
    private final String kid;

    private SealSigningKey(byte[] x, byte[] d) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            this.publicKey = factory.generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, x)));
            this.privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, d)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an Ed25519 key", e);
        }
        this.x = x.clone();
        this.kid = thumbprint(x);
    }

    /** The key in {@code file}, or a new one stored there (owner-only) when there is none. */
    public static SealSigningKey loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return read(file);
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] x = tail(pair.getPublic().getEncoded(), X509_PREFIX);
            byte[] d = tail(pair.getPrivate().getEncoded(), PKCS8_PREFIX);
            SealSigningKey key = new SealSigningKey(x, d);
            write(file, "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + key.kid + "\",\"x\":\"" + b64(x)
                    + "\",\"d\":\"" + b64(d) + "\"}\n");
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no Ed25519", e);
        }
    }

    private static SealSigningKey read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seal signing key " + file, e);
        }
        Map<String, String> members = new LinkedHashMap<>();
        Matcher m = MEMBER.matcher(json);
        while (m.find()) {
            members.put(m.group(1), m.group(2));
        }
        if (!"OKP".equals(members.get("kty")) || !"Ed25519".equals(members.get("crv")) || !members.containsKey("x")
                || !members.containsKey("d")) {
            throw new IllegalStateException("the seal signing key " + file
                    + " is no Ed25519 JWK with its private part (kty OKP, crv Ed25519, x, d)");
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return new SealSigningKey(decoder.decode(members.get("x")), decoder.decode(members.get("d")));
    }

    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String kid() {
        return kid;
    }

    /** The public JWK as published at {@code /.well-known/lbf-seal-key.json}. */
    public Map<String, String> publicJwk() {
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("kid", kid);
        jwk.put("x", b64(x));
        jwk.put("alg", "EdDSA");
        jwk.put("use", "sig");
        return jwk;
    }

    /** RFC 7638: SHA-256 of the required members in lexicographic order, base64url. */
    private static String thumbprint(byte[] x) {
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + b64(x) + "\"}";
        try {
            return b64(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Owner-only from the start (the draft is created so), then moved into place whole. */
    private static void write(Path file, String content) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path draft = POSIX
                    ? Files.createTempFile(folder, file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
            Files.writeString(draft, content, StandardCharsets.UTF_8);
            try {
                Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(draft, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the seal signing key " + file, e);
        }
    }

    private static byte[] tail(byte[] encoded, byte[] prefix) {
        if (encoded.length != prefix.length + 32
                || !Arrays.equals(Arrays.copyOf(encoded, prefix.length), prefix)) {
            throw new IllegalStateException("unexpected Ed25519 key encoding");
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
