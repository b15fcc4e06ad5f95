package de.lokalebuendnisse.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header checks without regular expressions decide exactly as Spring Security's defaults do, over headers
 * generated from the characters where the rules have edges: token characters and their neighbours, padding, spaces,
 * tabs, control characters (C0, DEL, C1), an unassigned code point, a pair and a lone surrogate.
 */
class HeaderChecksTest {

    private static final String[] PIECES = {"a", "Z", "0", "9", "-", ".", "_", "~", "+", "/", "=", " ", ",", "*",
            "\t", "\n", "\u0000", "\u007f", "\u0085", "\u0378", "é", "\uD83D\uDE00", "\uD800", "|", "B", "e", "R"};
    private static final String[] STARTS = {"Bearer ", "bearer ", "BEARER ", "BeArEr ", "Bearer", "Bearer  ",
            "Bearer\t", "Basic ", "", "Bear", "bearerx "};

    private final Random random = new Random(20261206);

    @Test
    void theBearerTokenIsTakenAndRefusedExactlyAsSpringsDefaultResolverDoes() {
        BearerTokenResolver spring = new DefaultBearerTokenResolver();
        BearerTokenResolver ours = new HeaderChecks.Bearer();
        List<String> headers = generated(STARTS, 30_000);
        headers.add(null);
        headers.add("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdGFmZiJ9.c2lnbmF0dXJl");
        headers.add("Bearer abc==");
        headers.add("Bearer abc=d");
        headers.add("Bearer =");

        int tokens = 0;
        int refused = 0;
        for (String header : headers) {
            String spring1 = outcome(spring, header);
            assertThat(outcome(ours, header)).as("Authorization: %s", header).isEqualTo(spring1);
            tokens += spring1.startsWith("token ") ? 1 : 0;
            refused += spring1.startsWith("refused ") ? 1 : 0;
        }
        assertThat(tokens).as("the generated headers hold accepted tokens").isGreaterThan(500);
        assertThat(refused).as("and malformed ones").isGreaterThan(500);
    }

    @Test
    void headerNamesAndValuesAreRejectedExactlyAsBySpringsDefaultFirewall() {
        HttpFirewall spring = new StrictHttpFirewall();
        HttpFirewall ours = HeaderChecks.firewall();
        int rejected = 0;
        List<String> texts = generated(new String[] {""}, 30_000);
        for (String text : texts) {
            String value = firewallOutcome(spring, "X-Probe", text);
            assertThat(firewallOutcome(ours, "X-Probe", text)).as("value %s", text).isEqualTo(value);
            String name = "X" + text;
            assertThat(firewallOutcome(ours, name, "v")).as("name %s", name)
                    .isEqualTo(firewallOutcome(spring, name, "v"));
            rejected += value.equals("rejected") ? 1 : 0;
        }
        assertThat(rejected).as("the generated values hold rejected ones").isGreaterThan(1000);
        assertThat(rejected).as("and accepted ones").isLessThan(texts.size() - 1000);
    }

    private List<String> generated(String[] starts, int count) {
        List<String> texts = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            StringBuilder text = new StringBuilder(starts[random.nextInt(starts.length)]);
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                // mostly token characters, so that many generated tokens are well formed
                text.append(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)]
                        : PIECES[random.nextInt(10)]);
            }
            texts.add(text.toString());
        }
        return texts;
    }

    private static String outcome(BearerTokenResolver resolver, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/directory");
        request.setQueryString("bundesland=DE-NW");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            String token = resolver.resolve(request);
            return token == null ? "none" : "token " + token;
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }

    private static String firewallOutcome(HttpFirewall firewall, String name, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/directory");
        request.addHeader(name, value);
        try {
            var checked = firewall.getFirewalledRequest(request);
            checked.getHeader(name);
            checked.getHeaderNames().asIterator().forEachRemaining(checked::getHeaders);
            return "accepted";
        } catch (RequestRejectedException e) {
            return "rejected";
        }
    }
}
