package de.lokalebuendnisse.platform.security;

import de.lokalebuendnisse.platform.http.contract.OpenApiAssertions;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role matrix of one deployable: every operation its OpenAPI document lists is called without a token and with
 * a token of each role, and the answer must be what the test's table says: 401 without a token, 403 with a role
 * the operation does not admit, neither with one it admits (the request itself is a placeholder, so the service
 * then refuses its input or target, which shows the access check let it through). The table must name exactly the
 * document's operations, so an endpoint added without a row fails here, and the document's {@code x-roles} must
 * say what the table says. Tokens come from the caller: the tests' own issuer or a real Keycloak.
 */
public final class RoleMatrix {

    /** A table row for an operation anyone may call without a token. */
    public static final Set<Role> PUBLIC = Set.of();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Function<Role, String> tokens;

    /**
     * @param tokens a valid access token for a role
     */
    public RoleMatrix(String base, Function<Role, String> tokens) {
        this.base = base;
        this.tokens = tokens;
    }

    /** Every operation of {@code docs} answers as {@code table} says; see the class comment. */
    public void assertEnforced(JsonNode docs, Map<String, Set<Role>> table) {
        Map<String, JsonNode> operations = OpenApiAssertions.operations(docs);
        assertThat(new TreeSet<>(table.keySet())).as("operations of the role table (one per operation of the API "
                + "document; an operation without a row is an endpoint nobody decided about)")
                .containsExactlyElementsOf(new TreeSet<>(operations.keySet()));
        List<String> wrong = new ArrayList<>();
        operations.forEach((operation, node) -> {
            Set<String> documented = new TreeSet<>();
            node.path("x-roles").forEach(role -> documented.add(role.asString()));
            Set<String> admitted = table.get(operation).stream().map(Role::claimValue)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!documented.equals(admitted)) {
                wrong.add(operation + ": the document says x-roles " + documented + ", the table " + admitted);
            }
            String[] methodAndPath = operation.split(" ", 2);
            String path = methodAndPath[1].replaceAll("\\{[^}]+}", "x");
            String body = node.has("requestBody") ? "{}" : null;
            check(wrong, operation, methodAndPath[0], path, body, table.get(operation));
        });
        assertThat(wrong).as("answers that differ from the role table").isEmpty();
    }

    /**
     * What every deployable shares: health for anyone (details only for {@code admin}), the API document for anyone,
     * metrics for {@code admin}, and a path no rule names refused to everyone.
     */
    public void assertSharedRows() {
        List<String> wrong = new ArrayList<>();
        check(wrong, "health", "GET", "/actuator/health", null, PUBLIC);
        check(wrong, "API document", "GET", "/v3/api-docs", null, PUBLIC);
        check(wrong, "metrics", "GET", "/actuator/metrics", null, EnumSet.of(Role.ADMIN));
        for (String caller : callers()) {
            HttpResponse<String> answer = send("GET", "/api/no-such-thing", null, caller);
            int expected = caller == null ? 401 : 403;
            if (answer.statusCode() != expected) {
                wrong.add("an unknown path as " + caller + ": " + answer.statusCode() + ", expected " + expected);
            }
        }
        HttpResponse<String> anonymousHealth = send("GET", "/actuator/health", null, null);
        if (anonymousHealth.body().contains("components") || anonymousHealth.body().contains("details")) {
            wrong.add("health without a token shows details: " + anonymousHealth.body());
        }
        HttpResponse<String> adminHealth = send("GET", "/actuator/health", null, tokens.apply(Role.ADMIN));
        if (!adminHealth.body().contains("components")) {
            wrong.add("health for admin shows no details: " + adminHealth.body());
        }
        assertThat(wrong).as("answers of the rows every service shares").isEmpty();
    }

    private void check(List<String> wrong, String operation, String method, String path, String body,
                       Set<Role> admitted) {
        List<Role> callers = new ArrayList<>();
        callers.add(null);
        callers.addAll(Arrays.asList(Role.values()));
        for (Role role : callers) {
            HttpResponse<String> answer = send(method, path, body, role == null ? null : tokens.apply(role));
            int status = answer.statusCode();
            String as = operation + " as " + (role == null ? "nobody" : role.claimValue()) + ": " + status;
            if (admitted.isEmpty() || (role != null && admitted.contains(role))) {
                if (status == 401 || status == 403 || status >= 500) {
                    wrong.add(as + ", expected to pass the access check: " + excerpt(answer.body()));
                }
            } else if (role == null) {
                if (status != 401 || answer.headers().firstValue("WWW-Authenticate").isEmpty()) {
                    wrong.add(as + ", expected 401 with WWW-Authenticate");
                }
            } else if (status != 403) {
                wrong.add(as + ", expected 403");
            }
            if ((status == 401 || status == 403)
                    && !answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                wrong.add(as + " is not problem+json");
            }
        }
    }

    private Set<String> callers() {
        Set<String> callers = new LinkedHashSet<>();
        callers.add(null);
        for (Role role : Role.values()) {
            callers.add(tokens.apply(role));
        }
        return callers;
    }

    private HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String excerpt(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
