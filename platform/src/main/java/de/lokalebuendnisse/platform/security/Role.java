package de.lokalebuendnisse.platform.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles a caller's token may carry (README, "Roles"). Roles are data: the token names them in the claim
 * {@code lbf.security.roles-claim}; a name that is not listed here grants nothing.
 */
public enum Role {
    /** Machine clients: survey import, Werkstatt registration, the office's CRM. */
    SERVICE,
    /** The Servicebüro. */
    STAFF,
    /** The ministry and the ESF audit: read-only. */
    AUDITOR,
    /** Operations: projections, dead letters, metrics; no business commands. */
    ADMIN;

    /** The name as tokens and events carry it: {@code service}, {@code staff}, … */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The authority Spring Security checks. */
    String authority() {
        return "ROLE_" + name();
    }

    static Optional<Role> ofClaimValue(String value) {
        for (Role role : values()) {
            if (role.claimValue().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    static Optional<Role> ofAuthority(String authority) {
        for (Role role : values()) {
            if (role.authority().equals(authority)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
