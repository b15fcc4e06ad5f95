package de.lokalebuendnisse.audit.service.replay;

import de.lokalebuendnisse.kernel.audit.AuditEntry;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The live audit history as the running auditors' service answers it: its whole-year JSON download
 * ({@code GET /api/audit/{year}?format=json}), read as it streams in. Each request names the replay's head as
 * {@code X-Event-Position}, so the service answers only once its history has reached it (and 503 until then, which
 * is retried for a while). Each request carries the auditor's access token.
 */
public final class HttpLiveHistory implements LiveHistory {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String baseUrl;
    private final String accessToken;
    private final ObjectMapper mapper;
    /** Reads one entry off the array at a time; the rest of the array follows it. */
    private final ObjectReader entryReader;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public HttpLiveHistory(String baseUrl, String accessToken, ObjectMapper mapper) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.accessToken = accessToken;
        this.mapper = mapper;
        this.entryReader = mapper.readerFor(AuditEntry.class)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public String source() {
        return "live service " + baseUrl;
    }

    /** Each year's request waits for the head itself. */
    @Override
    public String awaitCovering(long head) {
        return null;
    }

    /** The service cannot list its years; the replay's years are compared. */
    @Override
    public SortedSet<Integer> years(long head) {
        return new TreeSet<>();
    }

    @Override
    public Stream<AuditEntry> entries(int year, long head) {
        InputStream body = download(year, head);
        JsonParser parser = mapper.createParser(body);
        Iterator<AuditEntry> entries = new Iterator<>() {
            private AuditEntry next;
            private boolean started;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (next == null && !done) {
                    if (!started) {
                        toEntriesArray(parser, year);
                        started = true;
                    }
                    JsonToken token = parser.nextToken();
                    if (token != JsonToken.START_OBJECT) {
                        done = true;
                    } else {
                        AuditEntry entry = entryReader.readValue(parser);
                        if (entry.position() <= head) {
                            next = entry;
                        }
                    }
                }
                return next != null;
            }

            @Override
            public AuditEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                AuditEntry current = next;
                next = null;
                return current;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED), false)
                .onClose(() -> {
                    parser.close();
                    try {
                        body.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static void toEntriesArray(JsonParser parser, int year) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalStateException("the live service's export of " + year + " is not a JSON object");
        }
        for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("entries".equals(name) && value == JsonToken.START_ARRAY) {
                return;
            }
            parser.skipChildren();
        }
        throw new IllegalStateException("the live service's export of " + year + " has no entries");
    }

    /** The year's download; a 503 (history behind the head, or being rebuilt) is asked again after a second. */
    private InputStream download(int year, long head) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/audit/" + year + "?format=json"))
                .header("Accept", "application/json").header("Authorization", "Bearer " + accessToken);
        if (head >= 0) {
            request.header("X-Event-Position", Long.toString(head));
        }
        Instant deadline = Instant.now().plus(PATIENCE);
        try {
            while (true) {
                HttpResponse<InputStream> response = client.send(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                String problem = new String(response.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (response.statusCode() != 503 || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the live service answered " + response.statusCode() + " for "
                            + year + ": " + problem);
                }
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the live history of " + year + " from " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the live history", e);
        }
    }
}
