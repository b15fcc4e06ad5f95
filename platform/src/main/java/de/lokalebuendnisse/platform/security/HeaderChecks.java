package de.lokalebuendnisse.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's checks of every request's headers, with the same rules as its defaults but without regular
 * expressions. Its firewall matches each header value against a pattern, and its bearer-token resolver matches the
 * {@code Authorization} header against another; the token is some 700 characters, and the two matches were 9 to
 * 17 % of the query service's samples under the benchmark's reads (the method nearest to each sample). Both are
 * plain loops here; {@code HeaderChecksTest} holds them to Spring's own outcome over generated headers.
 */
final class HeaderChecks {

    private static final String BEARER = "bearer";

    private HeaderChecks() {
    }

    /** Spring's firewall with its defaults, header names and values checked by the loops below. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderChecks::allowedHeaderName);
        firewall.setAllowedHeaderValues(HeaderChecks::allowedHeaderValue);
        return firewall;
    }

    /** As Spring's default: every code point assigned and no control character. */
    static boolean allowedHeaderName(String name) {
        return allAssigned(name, false);
    }

    /** As Spring's default: every code point assigned and no control character but the tab. */
    static boolean allowedHeaderValue(String value) {
        return allAssigned(value, true);
    }

    private static boolean allAssigned(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= ' ' && c < 0x7f) { // printable ASCII: assigned and no control character
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    /**
     * As Spring's default resolver (tokens only from the {@code Authorization} header): no header, or one not starting
     * with "bearer" in any case, is no token; otherwise it must be "Bearer", one space and a token68 (RFC 6750:
     * letters, digits, {@code -._~+/}, then only {@code =}), or the request is refused as malformed.
     */
    static final class Bearer implements BearerTokenResolver {

        @Override
        public String resolve(HttpServletRequest request) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return null;
            }
            if (!wellFormed(authorization)) {
                throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
            }
            return authorization.substring(BEARER.length() + 1);
        }

        private static boolean wellFormed(String authorization) {
            int start = BEARER.length() + 1;
            if (authorization.length() <= start || authorization.charAt(BEARER.length()) != ' ') {
                return false;
            }
            int i = start;
            while (i < authorization.length() && tokenCharacter(authorization.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
            while (i < authorization.length() && authorization.charAt(i) == '=') {
                i++;
            }
            return i == authorization.length();
        }

        private static boolean tokenCharacter(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
    }
}
