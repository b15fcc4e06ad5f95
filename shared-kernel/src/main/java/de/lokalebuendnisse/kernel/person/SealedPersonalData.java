package de.lokalebuendnisse.kernel.person;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Require;

import java.util.Base64;

/**
 * A contact person's {@link ContactDetails} as recorded: encrypted with the person's own key, which is kept outside
 * the event store. Deleting that key makes every copy of this value unreadable (crypto-shredding), which is how
 * personal data is erased from a stream that is never rewritten.
 *
 * @param algorithm  {@value #AES_256_GCM}; named so that a later algorithm can be told apart
 * @param iv         base64 of the 12-byte nonce, random per seal
 * @param ciphertext base64 of the GCM output, authentication tag included
 */
public record SealedPersonalData(String algorithm, String iv, String ciphertext) {

    public static final String AES_256_GCM = "AES-256-GCM";
    public static final int IV_BYTES = 12;
    /** The GCM tag alone is 16 bytes; the details' JSON always adds more. */
    private static final int TAG_BYTES = 16;

    public SealedPersonalData {
        Require.present(algorithm, "algorithm");
        if (!AES_256_GCM.equals(algorithm)) {
            throw new InvalidValueException("algorithm", "algorithm-known", "must be " + AES_256_GCM);
        }
        if (decoded(iv, "iv").length != IV_BYTES) {
            throw new InvalidValueException("iv", "iv-length", "must be " + IV_BYTES + " bytes");
        }
        if (decoded(ciphertext, "ciphertext").length <= TAG_BYTES) {
            throw new InvalidValueException("ciphertext", "ciphertext-length",
                    "must be longer than the " + TAG_BYTES + "-byte tag");
        }
    }

    public byte[] ivBytes() {
        return Base64.getDecoder().decode(iv);
    }

    public byte[] ciphertextBytes() {
        return Base64.getDecoder().decode(ciphertext);
    }

    private static byte[] decoded(String base64, String field) {
        Require.present(base64, field);
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "base64", "must be base64");
        }
    }
}
