package de.lokalebuendnisse.platform.testing;

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
import java.util.ArrayList;
import java.util.List;

/** A plain HTTP client for the tests: what a staff tool or calling service sees, nothing of Spring's machinery. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    /** The access token sent with each request, asked for anew each time (tokens expire), or null for none. */
    private final java.util.function.Supplier<String> token;

    /** A client without a token: what the public sees. */
    public Http(int port) {
        this("http://localhost:" + port, null);
    }

    private Http(String base, java.util.function.Supplier<String> token) {
        this.base = base;
        this.token = token;
    }

    /** The same client sending a fresh test token of {@code role} ({@link TestTokens}) with each request. */
    public Http as(de.lokalebuendnisse.platform.security.Role role) {
        return new Http(base, () -> TestTokens.of(role));
    }

    /** The same client sending {@code Authorization: Bearer token}. */
    public Http withToken(String token) {
        return new Http(base, () -> token);
    }

    public record Answer(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The rule names of a problem+json answer, in order. */
        public List<String> rules() {
            List<String> rules = new ArrayList<>();
            json().path("violations").forEach(v -> rules.add(v.path("rule").asText()));
            return rules;
        }

        /** The field names of a problem+json answer, in order. */
        public List<String> fields() {
            List<String> fields = new ArrayList<>();
            json().path("violations").forEach(v -> fields.add(v.path("field").asText()));
            return fields;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Answer post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    public Answer get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Answer send(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        List<String> all = new ArrayList<>();
        if (token != null) {
            all.addAll(List.of("Authorization", "Bearer " + token.get()));
        }
        all.addAll(List.of(headers));
        for (int i = 0; i < all.size(); i += 2) {
            request.setHeader(all.get(i), all.get(i + 1));
        }
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Text blocks use single quotes for readability; JSON needs double ones. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
