package de.lokalebuendnisse.platform.security;

import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.platform.http.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The answers to a request that may not pass, as problem+json like every other refusal: 401 with
 * {@code WWW-Authenticate: Bearer} (RFC 6750) when the token is missing or not accepted, naming which check failed
 * without echoing the token; 403 when the token is good but lacks the role, naming the roles the operation needs.
 */
final class AccessProblems implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    static final String FIELD = HttpHeaders.AUTHORIZATION;
    private static final String REALM = "Bearer realm=\"lbf-api\"";

    private final AccessRules rules;

    AccessProblems(AccessRules rules) {
        this.rules = rules;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        Refusal.Reason reason = failure instanceof OAuth2AuthenticationException oauth
                && (failure instanceof InvalidBearerTokenException || "invalid_token".equals(oauth.getError().getErrorCode())
                || "invalid_request".equals(oauth.getError().getErrorCode()))
                ? tokenRefused(oauth)
                : new Refusal.Reason(FIELD, "token-required",
                "this operation needs an access token: Authorization: Bearer <token>");
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "token-required".equals(reason.rule()) ? REALM
                : REALM + ", error=\"invalid_token\", error_description=\"" + reason.detail() + "\"");
        Problems.write(response, 401, List.of(reason));
    }

    /** A failed check of a presented token: refused (401), or not checkable now (503). */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException failure) throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            Problems.write(response, 503, List.of(new Refusal.Reason(FIELD, "issuer-unreachable",
                    "the token issuer's keys cannot be fetched right now; retry shortly")));
            return;
        }
        commence(request, response, failure);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String needed = rules.ruleFor(request).map(rule -> rule.roles().stream().map(Role::claimValue)
                .collect(Collectors.joining(", "))).orElse("");
        Refusal.Reason reason = needed.isEmpty()
                ? new Refusal.Reason(FIELD, "operation-known", "no operation of this service answers this request")
                : new Refusal.Reason(FIELD, "role-required", "this operation needs one of the roles: " + needed);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"insufficient_scope\"");
        Problems.write(response, 403, List.of(reason));
    }

    /** Which check refused the token, as a rule name; the detail is ours, nothing of the token is echoed. */
    private static Refusal.Reason tokenRefused(OAuth2AuthenticationException failure) {
        String description = String.valueOf(failure.getError().getDescription()).toLowerCase(Locale.ROOT)
                + " " + String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        if (description.contains("expired")) {
            return new Refusal.Reason(FIELD, "token-expired", "the access token has expired; fetch a new one");
        }
        if (description.contains("used before") || description.contains("nbf")) {
            return new Refusal.Reason(FIELD, "token-not-yet-valid", "the access token is not valid yet");
        }
        if (description.contains("iss claim")) {
            return new Refusal.Reason(FIELD, "token-issuer", "the access token was issued by an issuer this service does not trust");
        }
        if (description.contains("aud claim")) {
            return new Refusal.Reason(FIELD, "token-audience", "the access token is not meant for this API (audience)");
        }
        if (description.contains("sub claim") || description.contains("exp claim")) {
            return new Refusal.Reason(FIELD, "token-claims", "the access token lacks a subject or an expiry");
        }
        if (description.contains("signature") || description.contains("algorithm") || description.contains("unsecured")
                || description.contains("plain") || description.contains("another algorithm")
                || description.contains("no matching key") || description.contains("jws")) {
            return new Refusal.Reason(FIELD, "token-signature",
                    "the access token's signature does not verify with the issuer's keys");
        }
        if (description.contains("malformed") || description.contains("parse") || description.contains("invalid json")) {
            return new Refusal.Reason(FIELD, "token-format", "the access token is not a well-formed JWT");
        }
        return new Refusal.Reason(FIELD, "token-invalid", "the access token was not accepted");
    }
}
