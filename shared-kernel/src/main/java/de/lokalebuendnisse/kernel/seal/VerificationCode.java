package de.lokalebuendnisse.kernel.seal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Require;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The public code that verifies one seal grant, printed on the certificate and in its QR code.
 * <p>
 * Derived, not stored as a secret: the first 100 bits of SHA-256({@value #DOMAIN} + the SealGranted event's message
 * identifier), written as 20 Crockford base32 characters in five groups of four. The identifier is Axon's random
 * UUID v4 (122 random bits), so the code can be neither guessed nor enumerated, survives every rebuild of the
 * projection, and an auditor who reads the event can recompute it. The domain prefix keeps the hash from being
 * reused for any other purpose.
 *
 * @param value the 20 characters, upper case, without separators
 */
public record VerificationCode(String value) {

    /** Versioned so that a future derivation cannot collide with codes already printed. */
    public static final String DOMAIN = "lbf-seal-verification-v1|";
    public static final int LENGTH = 20;
    /** Longer input is no mistyped code but abuse; it is refused (400) rather than looked up. */
    public static final int MAX_INPUT_LENGTH = 64;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public VerificationCode {
        Require.present(value, "code");
        if (value.length() != LENGTH || !value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new InvalidValueException("code", "verification-code",
                    "must be 20 Crockford base32 characters");
        }
    }

    /** The code of the grant recorded by the SealGranted event with this message identifier. */
    public static VerificationCode ofGrantEvent(String eventIdentifier) {
        Require.present(eventIdentifier, "eventIdentifier");
        byte[] hash = sha256((DOMAIN + eventIdentifier).getBytes(StandardCharsets.UTF_8));
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(fiveBitsAt(hash, i * 5)));
        }
        return new VerificationCode(code.toString());
    }

    /**
     * What a person typed or a QR code carried: case does not matter, '-' and spaces are ignored, I and L read as
     * 1, O as 0. Empty when it cannot be a code; such input is answered "unknown" like a code nobody holds, so the
     * answer reveals nothing about the format.
     *
     * @throws InvalidValueException when the input is longer than {@value #MAX_INPUT_LENGTH} characters
     */
    public static Optional<VerificationCode> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new InvalidValueException("code", "max-length",
                    "must have at most " + MAX_INPUT_LENGTH + " characters");
        }
        StringBuilder normal = new StringBuilder(LENGTH);
        for (char c : input.toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char upper = Character.toUpperCase(c);
            char read = switch (upper) {
                case 'I', 'L' -> '1';
                case 'O' -> '0';
                default -> upper;
            };
            if (ALPHABET.indexOf(read) < 0) {
                return Optional.empty();
            }
            normal.append(read);
        }
        return normal.length() == LENGTH ? Optional.of(new VerificationCode(normal.toString())) : Optional.empty();
    }

    /** As printed: {@code XXXX-XXXX-XXXX-XXXX-XXXX}. */
    @JsonValue
    public String grouped() {
        StringBuilder out = new StringBuilder(LENGTH + 4);
        for (int i = 0; i < LENGTH; i += 4) {
            if (i > 0) {
                out.append('-');
            }
            out.append(value, i, i + 4);
        }
        return out.toString();
    }

    @JsonCreator
    static VerificationCode fromJson(String text) {
        return parse(text).orElseThrow(() -> new InvalidValueException("code", "verification-code",
                "must be 20 Crockford base32 characters"));
    }

    @Override
    public String toString() {
        return grouped();
    }

    private static int fiveBitsAt(byte[] bytes, int bit) {
        int value = 0;
        for (int i = 0; i < 5; i++) {
            int at = bit + i;
            int b = (bytes[at / 8] >> (7 - at % 8)) & 1;
            value = (value << 1) | b;
        }
        return value;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
