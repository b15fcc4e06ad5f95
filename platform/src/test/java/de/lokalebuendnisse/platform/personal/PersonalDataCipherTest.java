package de.lokalebuendnisse.platform.personal;

import de.lokalebuendnisse.kernel.person.ContactDetails;
import de.lokalebuendnisse.kernel.person.ContactFunction;
import de.lokalebuendnisse.kernel.person.Engagement;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.h2.jdbcx.JdbcDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one cipher of personal data, with real AES-256-GCM and a real (H2 file) key store. */
class PersonalDataCipherTest {

    private static final PersonId ANNA = PersonId.of("anna");
    private static final PersonId BERT = PersonId.of("bert");
    private static final ContactDetails ANNA_DETAILS = new ContactDetails("Anna Kanarienvogel",
            ContactFunction.KOORDINATION, Engagement.VOLUNTEER, "anna@kanarienvogel.example", "0221 1234567", null);

    @TempDir
    Path folder;

    private PersonKeys keys;
    private PersonalDataCipher cipher;

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + folder.resolve("person-keys") + ";WRITE_DELAY=0");
        keys = new JdbcPersonKeys(dataSource);
        cipher = new PersonalDataCipher(keys);
    }

    @AfterEach
    void tearDown() {
        keys.delete(ANNA);
        keys.delete(BERT);
    }

    @Test
    void whatIsSealedOpensToTheSameDetails() {
        SealedPersonalData sealed = cipher.seal(ANNA, ANNA_DETAILS);

        assertThat(sealed.algorithm()).isEqualTo("AES-256-GCM");
        assertThat(sealed.ivBytes()).hasSize(12);
        assertThat(cipher.open(ANNA, sealed)).contains(ANNA_DETAILS);
        assertThat(cipher.display(ANNA, sealed)).isEqualTo(ContactDisplay.of(ANNA_DETAILS));
        assertThat(ContactDisplay.of(ANNA_DETAILS).functionLabel()).isEqualTo("Koordination");
    }

    @Test
    void anAlteredCiphertextIsRefusedNotOpened() {
        SealedPersonalData sealed = cipher.seal(ANNA, ANNA_DETAILS);
        byte[] bytes = sealed.ciphertextBytes();
        bytes[3] ^= 0x01;
        SealedPersonalData altered = new SealedPersonalData(sealed.algorithm(), sealed.iv(),
                Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> cipher.open(ANNA, altered))
                .isInstanceOf(PersonalDataUnreadableException.class)
                .hasMessageContaining("anna").hasMessageContaining("authentication tag");
    }

    @Test
    void anotherPersonsSealedDataDoesNotOpenEvenWithTheSameKey() {
        SealedPersonalData sealed = cipher.seal(ANNA, ANNA_DETAILS);
        // the same key under Bert's id: only the associated data differs
        PersonKeys sharedKey = new PersonKeys() {
            @Override
            public java.util.Optional<javax.crypto.SecretKey> find(PersonId personId) {
                return keys.find(ANNA);
            }

            @Override
            public javax.crypto.SecretKey findOrCreate(PersonId personId) {
                return keys.findOrCreate(ANNA);
            }

            @Override
            public void delete(PersonId personId) {
            }
        };

        assertThatThrownBy(() -> new PersonalDataCipher(sharedKey).open(BERT, sealed))
                .isInstanceOf(PersonalDataUnreadableException.class);
        cipher.seal(BERT, ANNA_DETAILS);
        assertThatThrownBy(() -> cipher.open(BERT, sealed))
                .as("Bert's own key").isInstanceOf(PersonalDataUnreadableException.class);
    }

    @Test
    void onceTheKeyIsDeletedTheDataIsErased() {
        SealedPersonalData sealed = cipher.seal(ANNA, ANNA_DETAILS);

        keys.delete(ANNA);

        assertThat(cipher.open(ANNA, sealed)).isEmpty();
        ContactDisplay shown = cipher.display(ANNA, sealed);
        assertThat(shown.erased()).isTrue();
        assertThat(shown.name()).isEqualTo(PersonalDataCipher.ERASED_PLACEHOLDER).isEqualTo("gelöscht");
        assertThat(shown.email()).isEqualTo("gelöscht");
        assertThat(shown.phone()).isEqualTo("gelöscht");
    }

    @Test
    void twoSealsOfTheSameDetailsDiffer() {
        SealedPersonalData one = cipher.seal(ANNA, ANNA_DETAILS);
        SealedPersonalData other = cipher.seal(ANNA, ANNA_DETAILS);

        assertThat(one.iv()).isNotEqualTo(other.iv());
        assertThat(one.ciphertext()).isNotEqualTo(other.ciphertext());
        assertThat(cipher.open(ANNA, other)).contains(ANNA_DETAILS);
    }

    @Test
    void theCiphertextHoldsNoneOfThePlaintext() {
        SealedPersonalData sealed = cipher.seal(ANNA, ANNA_DETAILS);
        String bytes = new String(sealed.ciphertextBytes(), StandardCharsets.ISO_8859_1);

        assertThat(bytes).doesNotContain("Kanarienvogel").doesNotContain("anna@").doesNotContain("1234567");
        assertThat(sealed.ciphertext()).doesNotContain("Kanarienvogel");
    }
}
