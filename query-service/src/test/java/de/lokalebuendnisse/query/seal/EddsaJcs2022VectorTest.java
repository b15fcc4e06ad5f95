package de.lokalebuendnisse.query.seal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cryptosuite as the W3C specifies it: the test vector of "Data Integrity EdDSA Cryptosuites v1.0"
 * (w3c/vc-di-eddsa, TestVectors/eddsa-jcs-2022/signedJCS.json and TestVectors/keyPair.json) verifies with the
 * hashing, JCS and base58 used here, and signing its hash data with its key through {@link SealSigningKey} gives its
 * proof value byte for byte (Ed25519 signatures are deterministic).
 */
class EddsaJcs2022VectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNED = """
            {
              "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
              "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
              "type": ["VerifiableCredential", "AlumniCredential"],
              "name": "Alumni Credential",
              "description": "A minimum viable example of an Alumni Credential.",
              "issuer": "https://vc.example/issuers/5678",
              "validFrom": "2023-01-01T00:00:00Z",
              "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
              "proof": {
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-jcs-2022",
                "created": "2023-02-24T23:36:38Z",
                "verificationMethod": "https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
                "proofPurpose": "assertionMethod",
                "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
                "proofValue": "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4"
              }
            }""";
    /** Multikey: multicodec ed25519-pub (0xed 0x01) and ed25519-priv (0x80 0x26), each followed by 32 bytes. */
    private static final String PUBLIC_KEY_MULTIBASE = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    private static final String PRIVATE_KEY_MULTIBASE = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

    @TempDir
    Path folder;

    @Test
    void theW3cVectorVerifiesAndSigningItsHashDataGivesItsProofValue() throws Exception {
        Map<String, Object> document = document();
        @SuppressWarnings("unchecked")
        Map<String, Object> proof = new LinkedHashMap<>((Map<String, Object>) document.remove("proof"));
        String proofValue = (String) proof.remove("proofValue");
        proof.put("@context", document.get("@context"));
        byte[] hashData = SealCredentials.hashData(proof, document);

        byte[] x = multikey(PUBLIC_KEY_MULTIBASE, 0xed, 0x01);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey(x));
        verifier.update(hashData);
        assertThat(verifier.verify(Base58.decode(proofValue.substring(1)))).isTrue();

        Path jwk = folder.resolve("w3c-key.json");
        Files.writeString(jwk, "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + b64(x) + "\",\"d\":\""
                + b64(multikey(PRIVATE_KEY_MULTIBASE, 0x80, 0x26)) + "\"}");
        assertThat("z" + Base58.encode(SealSigningKey.loadOrCreate(jwk).sign(hashData))).isEqualTo(proofValue);
    }

    @Test
    void aChangedVectorNoLongerVerifies() throws Exception {
        Map<String, Object> document = document();
        @SuppressWarnings("unchecked")
        Map<String, Object> proof = new LinkedHashMap<>((Map<String, Object>) document.remove("proof"));
        String proofValue = (String) proof.remove("proofValue");
        proof.put("@context", document.get("@context"));
        document.put("name", "Alumni Credentiak");

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey(multikey(PUBLIC_KEY_MULTIBASE, 0xed, 0x01)));
        verifier.update(SealCredentials.hashData(proof, document));
        assertThat(verifier.verify(Base58.decode(proofValue.substring(1)))).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() throws Exception {
        return JSON.readValue(SIGNED, LinkedHashMap.class);
    }

    private static byte[] multikey(String multibase, int first, int second) {
        byte[] bytes = Base58.decode(multibase.substring(1));
        assertThat(bytes).hasSize(34);
        assertThat(bytes[0] & 0xff).isEqualTo(first);
        assertThat(bytes[1] & 0xff).isEqualTo(second);
        return Arrays.copyOfRange(bytes, 2, 34);
    }

    private static PublicKey publicKey(byte[] x) throws Exception {
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        byte[] encoded = Arrays.copyOf(prefix, 44);
        System.arraycopy(x, 0, encoded, 12, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
