package de.lokalebuendnisse.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Optional;

/**
 * The caller of the current request and the role it acts in: what a service writes into the metadata of the
 * commands a request sends. The role is the first role of the deciding access rule that the caller holds, so a
 * caller with both {@code service} and {@code staff} registering an alliance acts as {@code service}.
 */
public final class Callers {

    private final AccessRules rules;

    Callers(AccessRules rules) {
        this.rules = rules;
    }

    /** The verified caller of {@code request}; empty for a request that carried no token (a public endpoint). */
    public Optional<Caller> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token
                ? Optional.of(TokenCallers.caller(token)) : Optional.empty();
    }

    /** The role {@code caller} acts in for {@code request}; empty where the request passed no role check. */
    public Optional<Role> roleUsed(Caller caller, HttpServletRequest request) {
        return rules.ruleFor(request).flatMap(rule -> rule.roles().stream().filter(caller.roles()::contains)
                .findFirst());
    }
}
