package de.lokalebuendnisse.kernel.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {

    @Test
    void quotesAndBackslashesAreEscapedAndAnAbsentTextIsNull() {
        assertThat(JsonText.quoted("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
        assertThat(JsonText.quoted(null)).isEqualTo("null");
        assertThat(JsonText.quotedAscii(null)).isEqualTo("null");
    }

    @Test
    void controlCharactersAreEscapedInLowerCaseHex() {
        assertThat(JsonText.quoted("a\nb\u001f")).isEqualTo("\"a\\u000ab\\u001f\"");
        assertThat(JsonText.quotedAscii("a\nb\u001f")).isEqualTo("\"a\\u000ab\\u001f\"");
    }

    @Test
    void theCanonicalFormsKeepNonAsciiAsItIs() {
        assertThat(JsonText.quoted("servicebüro ~\u007f€")).isEqualTo("\"servicebüro ~\u007f€\"");
    }

    @Test
    void theAsciiFormEscapesEverythingBeyondPrintableAscii() {
        assertThat(JsonText.quotedAscii("servicebüro ~\u007f€")).isEqualTo("\"serviceb\\u00fcro ~\\u007f\\u20ac\"");
    }
}
