package de.lokalebuendnisse.platform.security;

import java.util.Set;

/**
 * Who sends a request, as its verified access token says: what the audit trail records as the actor.
 *
 * @param subject the token's {@code sub}
 * @param name    a display name: {@code name}, else {@code preferred_username}, else the client id, else the subject
 * @param client  the client the token was issued to: {@code azp}, else {@code client_id}; null when the token names
 *                none
 * @param roles   the roles the token grants
 */
public record Caller(String subject, String name, String client, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }
}
