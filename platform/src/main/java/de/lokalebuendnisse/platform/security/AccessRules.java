package de.lokalebuendnisse.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who may call what in one deployable: a table read top to bottom, the first matching row decides, and a request
 * that no row matches is refused (403 with a token, 401 without). Each service declares its own table as a bean,
 * written so that it reads like the README's roles table; the platform adds the rows every service shares
 * ({@link SecurityConfiguration#SHARED_RULES}: health, the API document, metrics).
 */
public final class AccessRules {

    private final List<AccessRule> rules;
    private final List<RequestMatcher> matchers;

    private AccessRules(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
        this.matchers = rules.stream().map(AccessRules::matcher).toList();
    }

    public static Builder table() {
        return new Builder();
    }

    /** The rows in order. */
    public List<AccessRule> rules() {
        return rules;
    }

    /** This table followed by {@code more}'s rows. */
    AccessRules then(AccessRules more) {
        List<AccessRule> all = new ArrayList<>(rules);
        all.addAll(more.rules);
        return new AccessRules(all);
    }

    /** The row that decides {@code request}, if any. */
    public Optional<AccessRule> ruleFor(HttpServletRequest request) {
        for (int i = 0; i < rules.size(); i++) {
            if (matchers.get(i).matches(request)) {
                return Optional.of(rules.get(i));
            }
        }
        return Optional.empty();
    }

    /** The row that decides a request with this method and path (the path as the API document writes it). */
    public Optional<AccessRule> ruleFor(HttpMethod method, String path) {
        org.springframework.http.server.PathContainer container =
                org.springframework.http.server.PathContainer.parsePath(path);
        for (AccessRule rule : rules) {
            if ((rule.method() == null || rule.method().equals(method))
                    && org.springframework.web.util.pattern.PathPatternParser.defaultInstance.parse(rule.pattern())
                    .matches(container)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    static RequestMatcher matcher(AccessRule rule) {
        return PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern());
    }

    /** Collects the rows of a table. */
    public static final class Builder {
        private final List<AccessRule> rules = new ArrayList<>();

        /** {@code method pattern} may be called by a caller holding one of {@code roles}. */
        public Builder allow(HttpMethod method, String pattern, Role first, Role... more) {
            List<Role> roles = new ArrayList<>();
            roles.add(first);
            roles.addAll(Arrays.asList(more));
            rules.add(new AccessRule(method, pattern, roles));
            return this;
        }

        /** {@code method pattern} may be called by anyone, without a token. */
        public Builder open(HttpMethod method, String pattern) {
            rules.add(new AccessRule(method, pattern, List.of()));
            return this;
        }

        public AccessRules build() {
            return new AccessRules(rules);
        }
    }
}
