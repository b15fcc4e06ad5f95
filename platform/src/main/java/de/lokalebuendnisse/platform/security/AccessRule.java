package de.lokalebuendnisse.platform.security;

import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * One row of a deployable's access table: requests with this method whose path matches this pattern (Spring's path
 * patterns, e.g. {@code /api/buendnisse/{id}/pause} or {@code /api/directory/**}) may be sent by a caller holding
 * one of these roles; no roles means anyone, without a token.
 *
 * @param roles in the order the rule prefers them: the first one the caller holds is the role recorded as used
 */
public record AccessRule(HttpMethod method, String pattern, List<Role> roles) {

    public AccessRule {
        roles = List.copyOf(roles);
    }

    public boolean isPublic() {
        return roles.isEmpty();
    }
}
