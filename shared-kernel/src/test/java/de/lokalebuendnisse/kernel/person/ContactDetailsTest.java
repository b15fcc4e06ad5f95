package de.lokalebuendnisse.kernel.person;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactDetailsTest {

    @Test
    void aContactWithAPhoneNumberOnlyTakesGermanAsItsLanguage() {
        ContactDetails details = new ContactDetails(" Anna Schulze ", ContactFunction.KOORDINATION,
                Engagement.VOLUNTEER, " ", "+49 (2381) 17-4711", null);

        assertThat(details.name()).isEqualTo("Anna Schulze");
        assertThat(details.email()).isNull();
        assertThat(details.language()).isEqualTo("de");
        assertThat(ContactFunction.SPRECHERIN.label()).isEqualTo("Sprecherin / Sprecher");
    }

    @Test
    void itsTextFormNamesNoOne() {
        ContactDetails details = new ContactDetails("Anna Schulze", ContactFunction.KOORDINATION,
                Engagement.VOLUNTEER, "anna@schulze.example", "0800 1234567", null);

        assertThat(details.toString()).contains("KOORDINATION").doesNotContain("Schulze").doesNotContain("anna@")
                .doesNotContain("1234567");
    }

    @Test
    void eachBrokenRuleIsNamed() {
        assertRule(() -> new ContactDetails("Anna", ContactFunction.OTHER, Engagement.VOLUNTEER, null, null, null),
                "email-or-phone");
        assertRule(() -> new ContactDetails("Anna", ContactFunction.OTHER, Engagement.VOLUNTEER, "anna(at)x.de",
                null, null), "email-format");
        assertRule(() -> new ContactDetails("Anna", ContactFunction.OTHER, Engagement.VOLUNTEER, null, "0800-ANNA",
                null), "phone-format");
        assertRule(() -> new ContactDetails("Anna", ContactFunction.OTHER, Engagement.VOLUNTEER, null, "0800 1",
                "deu"), "language-format");
        assertRule(() -> new ContactDetails("Anna", null, Engagement.VOLUNTEER, null, "0800 1", null), "required");
        assertRule(() -> new ContactDetails("A".repeat(201), ContactFunction.OTHER, Engagement.VOLUNTEER, null,
                "0800 1", null), "max-length");
    }

    @Test
    void sealedDataMustBeAes256GcmWithATwelveByteIv() {
        assertRule(() -> new SealedPersonalData("AES-128-CBC", "AAECAwQFBgcICQoL",
                "CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW"), "algorithm-known");
        assertRule(() -> new SealedPersonalData("AES-256-GCM", "AAECAwQFBgc=",
                "CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW"), "iv-length");
        assertRule(() -> new SealedPersonalData("AES-256-GCM", "AAECAwQFBgcICQoL", "not base64!"), "base64");
    }

    private static void assertRule(Runnable construction, String rule) {
        assertThatThrownBy(construction::run).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).rule()).isEqualTo(rule));
    }
}
