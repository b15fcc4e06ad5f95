package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A plain HTTP client for the tests: what a calling service sees, nothing of Spring's test machinery. It sends a
 * fresh test token ({@link TestTokens}) of its role with every request: the Servicebüro's unless told otherwise.
 */
final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Role role;

    HttpApi(int port) {
        this(port, Role.STAFF);
    }

    HttpApi(int port, Role role) {
        this.base = "http://localhost:" + port;
        this.role = role;
    }

    record Answer(int status, Map<String, java.util.List<String>> headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The rule names of a problem+json answer, in order. */
        java.util.List<String> rules() {
            java.util.List<String> rules = new java.util.ArrayList<>();
            json().path("violations").forEach(v -> rules.add(v.path("rule").asText()));
            return rules;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    Answer put(String path, String json, String... headers) {
        return send("PUT", path, json, headers);
    }

    Answer delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    Answer get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Answer send(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (role != null) {
            request.header("Authorization", TestTokens.bearer(role));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Text blocks use single quotes for readability; JSON needs double ones. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
