package de.lokalebuendnisse.platform.personal;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;

/** What both key stores share: a key is 32 random bytes for AES-256. */
final class PersonKeyMaterial {

    static final String ALGORITHM = "AES";
    static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PersonKeyMaterial() {
    }

    static byte[] fresh() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    static SecretKey key(byte[] bytes) {
        if (bytes == null || bytes.length != KEY_BYTES) {
            throw new IllegalStateException("a stored person key is not " + KEY_BYTES + " bytes long");
        }
        return new SecretKeySpec(bytes, ALGORITHM);
    }
}
