package de.lokalebuendnisse.query.seal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The examples of RFC 8785 that fit a credential's values (strings, literals, structure; no fractions). */
class JcsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** RFC 8785, 3.2.2 (its literals and string; its numbers are fractions the credential never holds). */
    @Test
    void stringsAndLiteralsAreWrittenAsTheRfcShows() throws Exception {
        Object value = JSON.readValue("{\"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\", "
                + "\"literals\": [null, true, false]}", Object.class);

        assertThat(Jcs.canonical(value))
                .isEqualTo("{\"literals\":[null,true,false],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    /** RFC 8785, 3.2.3: properties sorted by their UTF-16 code units, recursively. */
    @Test
    void propertiesAreSortedByUtf16CodeUnits() throws Exception {
        Object value = JSON.readValue("{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", "
                + "\"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\", \"1\": \"One\", "
                + "\"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\", "
                + "\"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}", Object.class);

        assertThat(Jcs.canonical(value)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"דּ\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void nestedStructuresLoseAllWhitespaceAndKeepArrayOrder() throws Exception {
        Object value = JSON.readValue("{ \"b\" : [ 3, {\"z\":1, \"a\":\"x\"} ], \"a\" : { } }", Object.class);

        assertThat(Jcs.canonical(value)).isEqualTo("{\"a\":{},\"b\":[3,{\"a\":\"x\",\"z\":1}]}");
    }

    @Test
    void fractionsAndHugeIntegersAreRefusedRatherThanWrittenWrongly() {
        assertThatThrownBy(() -> Jcs.canonical(Map.of("n", 4.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jcs.canonical(List.of(1L << 54))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void base58RoundTripsAndKeepsLeadingZeros() {
        byte[] bytes = {0, 0, 1, 2, (byte) 0xff, 42};
        assertThat(Base58.decode(Base58.encode(bytes))).isEqualTo(bytes);
        // the Bitcoin alphabet's well-known example
        assertThat(Base58.encode("Hello World!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("2NEpo7TZRRrLZSi2U");
    }
}
