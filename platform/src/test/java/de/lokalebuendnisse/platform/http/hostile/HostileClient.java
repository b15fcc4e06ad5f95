package de.lokalebuendnisse.platform.http.hostile;

import de.lokalebuendnisse.platform.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Sends probes to a running service and checks each answer: refused in the documented shape, naming no code. */
public final class HostileClient {

    /** Default bound of one probe; generous, since the build shares 2 cores. */
    public static final Duration BOUND = Duration.ofSeconds(5);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What a detail must never contain: Java packages, class or method names, stack frames. */
    private static final Pattern CODE = Pattern.compile(
            "(java|javax|jakarta|tools\\.jackson|com\\.fasterxml|org\\.(springframework|apache|axonframework)"
                    + "|de\\.lokalebuendnisse)\\.|Exception|\\.java:\\d|\\bat [a-z]+\\.|<html|class [A-Z]|`");

    private final int port;
    /** The Authorization header every probe carries, or null. */
    private final String authorization;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /**
     * A client whose probes carry a token holding every role ({@link TestTokens#allRoles()}), so that each probe
     * reaches the input rules it is meant for rather than the access check in front of them.
     */
    public HostileClient(int port) {
        this(port, "Bearer " + TestTokens.allRoles());
    }

    private HostileClient(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    /** A client whose probes carry no token. */
    public static HostileClient anonymous(int port) {
        return new HostileClient(port, null);
    }

    public Answer send(Probe probe) {
        long start = System.nanoTime();
        if (probe.raw() != null) {
            return raw(probe.raw(), start);
        }
        URI uri;
        try {
            uri = new URI("http://localhost:" + port + probe.path());
        } catch (java.net.URISyntaxException e) {
            return raw(asRaw(probe, authorization), start); // what java.net.URI refuses (%ZZ) goes out as bytes
        }
        HttpRequest.BodyPublisher body;
        if (probe.body() == null) {
            body = HttpRequest.BodyPublishers.noBody();
        } else if (probe.chunked()) {
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(probe.body()));
        } else {
            body = HttpRequest.BodyPublishers.ofByteArray(probe.body());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(BOUND.multipliedBy(2)).method(probe.method(), body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (Map.Entry<String, String> header : probe.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(probe + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] asRaw(Probe probe, String authorization) {
        StringBuilder head = new StringBuilder(probe.method()).append(' ').append(probe.path())
                .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        probe.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] body = probe.body() == null ? new byte[0] : probe.body();
        if (probe.body() != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    private Answer raw(String request, long start) {
        return raw(request.getBytes(StandardCharsets.UTF_8), start);
    }

    private Answer raw(byte[] request, long start) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) BOUND.multipliedBy(2).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            try {
                while ((read = in.read(buffer)) != -1) {
                    all.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // the server may reset after answering; what arrived counts
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int headerEnd = text.indexOf("\r\n\r\n");
            String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
            String body = headerEnd < 0 ? "" : text.substring(headerEnd + 4);
            int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
            String contentType = "";
            boolean chunked = false;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    contentType = line.substring(13).trim();
                }
                if (line.toLowerCase().startsWith("transfer-encoding:") && line.toLowerCase().contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                body = dechunk(body);
            }
            return new Answer(status, contentType, body, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a body of {@code size} bytes (announced by {@code Content-Length}, or chunked) and reads the answer; the
     * server may answer and close before the body is through, which is what a limit should do.
     */
    public Answer sendLarge(String method, String path, long size, boolean chunked) {
        long start = System.nanoTime();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) BOUND.multipliedBy(6).toMillis());
            OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) ' ');
            block[0] = '[';
            try {
                for (long sent = 0; sent < size; sent += block.length) {
                    if (chunked) {
                        out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(block);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    block[0] = ' ';
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException e) {
                // the server stopped reading: the answer should be waiting
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[8192];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    all.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // reset after the answer
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int status = text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
            int headerEnd = text.indexOf("\r\n\r\n");
            String contentType = text.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            String body = headerEnd < 0 ? "" : text.substring(headerEnd + 4);
            if (text.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Answer(status, contentType, body, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int lineEnd = body.indexOf("\r\n", i);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(i, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            i = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    /** The answer refuses the probe: 4xx, problem+json, at least one violation with a field and a rule, no code. */
    public static void assertRefused(Probe probe, Answer answer) {
        String context = probe + " -> " + answer;
        assertThat(answer.status()).as(context).isBetween(400, 499);
        assertThat(answer.contentType()).as(context).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).as(context).isEqualTo(answer.status());
        assertThat(problem.path("type").asString()).as(context).startsWith("urn:lbf:problem:");
        JsonNode violations = problem.path("violations");
        assertThat(violations.isArray() && !violations.isEmpty()).as(context).isTrue();
        JsonNode first = violations.get(0);
        assertThat(first.path("field").asString("")).as(context).isNotBlank();
        assertThat(first.path("rule").asString("")).as(context).isNotBlank();
        assertThat(CODE.matcher(answer.body()).find()).as(context + ": names code").isFalse();
        assertThat(answer.body().length()).as(context + ": echoes too much").isLessThan(2000);
        assertThat(answer.took()).as(context + ": too slow").isLessThan(BOUND);
    }
}
