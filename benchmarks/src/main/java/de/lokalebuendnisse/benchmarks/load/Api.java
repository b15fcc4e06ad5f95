package de.lokalebuendnisse.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's HTTP client: a caller of the public API on loopback, with a bearer token per role. Answers are
 * status, body, the {@code X-Event-Position} header and the time taken.
 */
public final class Api {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Tokens tokens;
    private final Map<String, String> tokenPerRole = new ConcurrentHashMap<>();

    public Api(Tokens tokens) {
        this.tokens = tokens;
    }

    /** One answer; {@code position} is -1 when the header is absent. */
    public record Answer(int status, String body, long position, long nanos) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Answer send(String role, String method, String url, String body) {
        return send(role, method, url, body, Duration.ofSeconds(120));
    }

    /** With a timeout of its own, for requests that work through the whole store (a verification). */
    public Answer send(String role, String method, String url, String body, Duration timeout) {
        return send(role, method, url, body, timeout, -1);
    }

    private Answer send(String role, String method, String url, String body, Duration timeout, long readAt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + token(role));
        if (readAt >= 0) {
            request.header("X-Event-Position", Long.toString(readAt));
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            long position = response.headers().firstValue("X-Event-Position").map(Long::parseLong).orElse(-1L);
            return new Answer(response.statusCode(), response.body(), position, nanos);
        } catch (IOException e) {
            return new Answer(-1, String.valueOf(e), -1, System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bearer token this client sends for {@code role}, for a second client (wrk) to send the same. */
    public String token(String role) {
        return tokenPerRole.computeIfAbsent(role, tokens::of);
    }

    public Answer get(String role, String url) {
        return send(role, "GET", url, null);
    }

    /** A read that must include everything up to {@code position} (the services answer 503 until they have it). */
    public Answer getAt(String role, String url, long position) {
        return send(role, "GET", url, null, Duration.ofSeconds(120), position);
    }
}
