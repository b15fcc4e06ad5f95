package de.lokalebuendnisse.platform.projection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Answers of one projection kept while its documents stay as they were: an answer is computed once per
 * {@link Projections#version} and given again, unchanged, until the projection handles its next event (or retries a
 * dead letter). Meant for answers that read many documents (the directory's counts and pages), which the store would
 * otherwise compute anew for every caller; the same on a real MongoDB as on the stand-in. Concurrent callers of the
 * same key wait for the one computation instead of each running it. Holds at most {@code capacity} answers, the
 * least recently used leave first; nothing personal belongs here (erasure must not wait for the next event).
 */
public final class ProjectionAnswers {

    private final Supplier<Object> versions;
    private final int capacity;
    private final Map<Object, Entry> answers;

    /** Answers of {@code projection}, at most {@code capacity} of them. */
    public static ProjectionAnswers of(Projections projections, String projection, int capacity) {
        return perVersion(() -> projections.version(projection), capacity);
    }

    /** Answers kept per state that {@code versions} gives (equal values: nothing changed), at most {@code capacity}. */
    public static ProjectionAnswers perVersion(Supplier<Object> versions, int capacity) {
        return new ProjectionAnswers(versions, capacity);
    }

    /** Keeps nothing: every call computes (where no processor runs, e.g. a projection's handlers tested alone). */
    public static ProjectionAnswers none() {
        return new ProjectionAnswers(Object::new, 0);
    }

    /** {@code versions} gives the state of the documents; equal values mean nothing changed in between. */
    ProjectionAnswers(Supplier<Object> versions, int capacity) {
        this.versions = versions;
        this.capacity = capacity;
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
                return size() > ProjectionAnswers.this.capacity;
            }
        };
    }

    /** The answer for {@code key} at the projection's current state; computed by {@code compute} when not yet known. */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> compute) {
        // read before the documents are: the answer then holds at least everything this version covers
        Object version = versions.get();
        Entry entry;
        boolean mine = false;
        synchronized (answers) {
            entry = answers.get(key);
            if (entry == null || !entry.version.equals(version)) {
                entry = new Entry(version);
                answers.put(key, entry);
                mine = true;
            }
        }
        if (mine) {
            try {
                entry.answer.complete(compute.get());
            } catch (RuntimeException | Error e) {
                synchronized (answers) {
                    answers.remove(key, entry);
                }
                entry.answer.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return (T) entry.answer.join();
        } catch (CompletionException e) {
            // the computing caller's failure, as it got it
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static final class Entry {
        private final Object version;
        private final CompletableFuture<Object> answer = new CompletableFuture<>();

        Entry(Object version) {
            this.version = Objects.requireNonNull(version);
        }
    }
}
