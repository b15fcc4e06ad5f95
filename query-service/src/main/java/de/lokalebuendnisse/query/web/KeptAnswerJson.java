package de.lokalebuendnisse.query.web;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes answers of the listed types as JSON once per answer object: the directory's pages and counts are kept per
 * state of the projection ({@code ProjectionAnswers}) and handed out as the same object until the projection moves
 * on, so its JSON is the same too, and serializing it anew for every caller was a large part of a directory
 * request's time (JFR under the benchmark's read load). Answers are recognised by identity, never by equality: a new
 * answer, after the projection moved, is written anew. Only types whose answers are the same for every caller
 * allowed to ask belong here (nothing personal: one alliance with its contacts is never listed). Holds the last
 * {@code capacity} answers with their JSON, the least recently used leave first.
 */
final class KeptAnswerJson extends JacksonJsonHttpMessageConverter {

    private final Set<Class<?>> types;
    private final int capacity;
    private final Map<Kept, byte[]> written;

    /** The object and the media type it was written as; equal only to the same object. */
    private record Kept(Object answer, MediaType as) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Kept kept && kept.answer == answer && java.util.Objects.equals(kept.as, as);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(answer) * 31 + java.util.Objects.hashCode(as);
        }
    }

    KeptAnswerJson(JsonMapper mapper, Set<Class<?>> types, int capacity) {
        super(mapper);
        this.types = Set.copyOf(types);
        this.capacity = capacity;
        this.written = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Kept, byte[]> eldest) {
                return size() > KeptAnswerJson.this.capacity;
            }
        };
    }

    @Override
    public boolean canRead(ResolvableType type, MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(ResolvableType type, Class<?> valueClass, MediaType mediaType) {
        return types.contains(valueClass) && super.canWrite(type, valueClass, mediaType);
    }

    @Override
    public boolean canWrite(Class<?> clazz, MediaType mediaType) {
        return types.contains(clazz) && super.canWrite(clazz, mediaType);
    }

    @Override
    protected void writeInternal(Object answer, ResolvableType type, HttpOutputMessage output,
                                 Map<String, Object> hints) throws IOException, HttpMessageNotWritableException {
        if (hints != null && !hints.isEmpty()) {
            // written differently per call (e.g. a JSON view): nothing to share
            super.writeInternal(answer, type, output, hints);
            return;
        }
        Kept key = new Kept(answer, output.getHeaders().getContentType());
        byte[] json;
        synchronized (written) {
            json = written.get(key);
        }
        if (json == null) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            super.writeInternal(answer, type, new HttpOutputMessage() {
                @Override
                public OutputStream getBody() {
                    return buffer;
                }

                @Override
                public HttpHeaders getHeaders() {
                    return output.getHeaders();
                }
            }, hints);
            json = buffer.toByteArray();
            synchronized (written) {
                written.put(key, json);
            }
        }
        output.getBody().write(json);
    }

    /** Number of answers kept now (tests). */
    int size() {
        synchronized (written) {
            return written.size();
        }
    }
}
