package de.lokalebuendnisse.platform.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a verified token as a {@link Caller}: its roles from the configured claim (dots for nesting, so
 * {@code realm_access.roles} reads Keycloak's realm roles and {@code roles} a flat list), its name and client from
 * the standard claims. Role names this system does not know grant nothing.
 */
final class TokenCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final List<String> rolesPath;

    TokenCallers(String rolesClaim) {
        this.rolesPath = List.of(rolesClaim.split("\\."));
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Collection<GrantedAuthority> authorities = new ArrayList<>();
        for (Role role : roles(jwt)) {
            authorities.add(new SimpleGrantedAuthority(role.authority()));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    Set<Role> roles(Jwt jwt) {
        Object node = jwt.getClaims();
        for (String step : rolesPath) {
            node = node instanceof Map<?, ?> map ? map.get(step) : null;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (node instanceof Collection<?> names) {
            for (Object name : names) {
                if (name instanceof String text) {
                    Role.ofClaimValue(text).ifPresent(roles::add);
                }
            }
        }
        return roles;
    }

    static Caller caller(JwtAuthenticationToken authentication) {
        Jwt jwt = authentication.getToken();
        String client = firstOf(jwt, "azp", "client_id");
        String name = firstOf(jwt, "name", "preferred_username");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            Role.ofAuthority(authority.getAuthority()).ifPresent(roles::add);
        }
        return new Caller(jwt.getSubject(), name != null ? name : client != null ? client : jwt.getSubject(), client,
                roles);
    }

    private static String firstOf(Jwt jwt, String... claims) {
        for (String claim : claims) {
            Object value = jwt.getClaims().get(claim);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }
}
