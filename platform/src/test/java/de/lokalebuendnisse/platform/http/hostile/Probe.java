package de.lokalebuendnisse.platform.http.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One hostile request: either through {@link java.net.http.HttpClient} ({@code raw == null}) or, for what an HTTP
 * client refuses to send (a bare CR, a backslash, a broken request line), as raw bytes over a socket.
 *
 * @param chunked send the body without {@code Content-Length}
 */
public record Probe(String name, String method, String path, Map<String, String> headers, byte[] body,
                    boolean chunked, String raw) {

    public static Probe of(String name, String method, String path) {
        return new Probe(name, method, path, new LinkedHashMap<>(), null, false, null);
    }

    public static Probe json(String name, String method, String path, String body) {
        return of(name, method, path).withBody("application/json", body);
    }

    public static Probe raw(String name, String request) {
        return new Probe(name, "RAW", "", Map.of(), null, false, request);
    }

    public Probe withBody(String contentType, String body) {
        return withBody(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public Probe withBody(String contentType, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        return new Probe(name, method, path, h, body, chunked, raw);
    }

    public Probe withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Probe(this.name, method, path, h, body, chunked, raw);
    }

    public Probe sentChunked() {
        return new Probe(name, method, path, headers, body, true, raw);
    }

    public Probe named(String newName) {
        return new Probe(newName, method, path, headers, body, chunked, raw);
    }

    @Override
    public String toString() {
        return raw != null ? name : name + " " + method + " " + (path.length() > 80 ? path.substring(0, 80) + "…" : path);
    }
}
