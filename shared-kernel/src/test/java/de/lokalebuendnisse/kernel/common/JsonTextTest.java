package de.lokalebuendnisse.kernel.common;

import org.junit.jupiter.api.Test;

import java.util.Random;

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

    @Test
    void aTextIsWrittenAsTheLiteralOfOneCharacterAtATimeWhetherItNeedsEscapesOrNot() {
        // the form the chain's links are hashed over: plain texts are copied whole, and that must not change a byte
        String alphabet = "aZ09 -:{}\"\\\n\t\u0000\u001f~\u007füé€\u2028\ud83d\ude00";
        Random random = new Random(20261207);
        for (int n = 0; n < 5000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            boolean plainOnly = n % 2 == 0;
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(plainOnly ? 4 : alphabet.length())));
            }
            String value = text.toString();
            assertThat(JsonText.appendQuoted(new StringBuilder("payload:"), value).toString())
                    .isEqualTo("payload:" + oneAtATime(value, false));
            assertThat(JsonText.quoted(value)).isEqualTo(oneAtATime(value, false));
            assertThat(JsonText.quotedAscii(value)).isEqualTo(oneAtATime(value, true));
        }
        assertThat(JsonText.appendQuoted(new StringBuilder("meta.process:"), null).toString())
                .isEqualTo("meta.process:null");
    }

    /** The documented form, written one character at a time (the way it was written before stop 33). */
    private static String oneAtATime(String text, boolean asciiOnly) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || (asciiOnly && c > 0x7E)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
