package de.lokalebuendnisse.platform.personal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.person.ContactDetails;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The one place personal data is sealed and opened; every writer and reader goes through it. AES-256-GCM from the
 * JDK with the person's own key ({@link PersonKeys}), a random 12-byte IV per seal, and the person id's UTF-8 bytes
 * as associated data, so a sealed value copied to another person does not open. The plaintext is the details as
 * JSON written by a small mapper of its own, independent of how events or HTTP bodies are configured.
 */
public class PersonalDataCipher {

    /** Shown in place of every personal field once the person's key is gone. */
    public static final String ERASED_PLACEHOLDER = "gelöscht";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = 128;

    /**
     * Fixed on purpose: the sealed bytes must read back in every later release. Unknown properties are passed over so
     * that a field added later does not make older readers fail.
     */
    private static final ObjectMapper DETAILS_JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final PersonKeys keys;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataCipher(PersonKeys keys) {
        this.keys = keys;
    }

    /** The details sealed with the person's key, which is made first if the person has none yet. */
    public SealedPersonalData seal(PersonId personId, ContactDetails details) {
        SecretKey key = keys.findOrCreate(personId);
        byte[] iv = new byte[SealedPersonalData.IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(personId));
            byte[] sealed = cipher.doFinal(DETAILS_JSON.writeValueAsBytes(details));
            return new SealedPersonalData(SealedPersonalData.AES_256_GCM, Base64.getEncoder().encodeToString(iv),
                    Base64.getEncoder().encodeToString(sealed));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal the personal data of person " + personId, e);
        }
    }

    /**
     * The details; empty when the person's key is gone, which means the data was erased.
     *
     * @throws PersonalDataUnreadableException when the value was altered or sealed for another person
     */
    public Optional<ContactDetails> open(PersonId personId, SealedPersonalData data) {
        Optional<SecretKey> key = keys.find(personId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] plaintext;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, data.ivBytes()));
            cipher.updateAAD(associatedData(personId));
            plaintext = cipher.doFinal(data.ciphertextBytes());
        } catch (AEADBadTagException e) {
            throw new PersonalDataUnreadableException(personId,
                    "the authentication tag does not match (altered, or sealed for another person or key)", e);
        } catch (GeneralSecurityException e) {
            throw new PersonalDataUnreadableException(personId, e.getMessage(), e);
        }
        try {
            return Optional.of(DETAILS_JSON.readValue(plaintext, ContactDetails.class));
        } catch (IOException | InvalidValueException e) {
            // the message could quote the plaintext: only the type goes into ours
            throw new PersonalDataUnreadableException(personId,
                    "the opened data is no valid contact (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** What readers show: the opened details, or the placeholder in every field once the data is erased. */
    public ContactDisplay display(PersonId personId, SealedPersonalData data) {
        return open(personId, data).map(ContactDisplay::of).orElseGet(ContactDisplay::erasedPerson);
    }

    private static byte[] associatedData(PersonId personId) {
        return personId.value().getBytes(StandardCharsets.UTF_8);
    }
}
