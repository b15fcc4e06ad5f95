package de.lokalebuendnisse.platform.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads that wait for a projection to reach the position their caller's command answered with
 * ({@code X-Event-Position}), parked off the web server's threads.
 * <p>
 * Such a read used to sleep on its request thread for up to {@code lbf.query.consistency-wait}. Measured from
 * outside: 300 of them at once (a client retrying eagerly, or naming a position the projection has not reached)
 * held the server's threads, and every other read and the health check of the service waited up to 3 s behind them.
 * Now {@link Projections#awaitReadable} parks the request instead ({@link AwaitingPosition}, turned into a park by
 * {@link ReadWaitResolver}): it goes into the servlet's asynchronous mode and is dispatched again once the projection
 * has reached the position or its wait has run out. The handler then runs again from its start (handlers that wait
 * only read) and answers as before: the documents, or 503 once the same deadline has passed. The deadline is kept
 * in the request, so a read waits no longer in all than it did.
 * <p>
 * Outside a request that can go asynchronous (a test calling a handler directly), and for background work
 * ({@link Projections#blockUntilReadable}), the caller still sleeps, as before.
 * <p>
 * How many reads are parked is the gauge {@code lbf.reads.parked} (Prometheus {@code lbf_reads_parked_requests}).
 */
public class ReadWaits implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ReadWaits.class);
    /** Request attribute: when the read's wait ends, set when it first parked. */
    private static final String DEADLINE = ReadWaits.class.getName() + ".deadline";
    private static final long POLL_MILLIS = 20;
    /** How much longer than its own deadline the servlet container keeps a parked read before it dispatches it. */
    private static final Duration CONTAINER_MARGIN = Duration.ofSeconds(10);

    private final Projections projections;
    private final Clock clock;
    private final Set<Parked> parked = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-read-waits");
        thread.setDaemon(true);
        return thread;
    });

    public ReadWaits(Projections projections) {
        this(projections, Clock.systemUTC());
    }

    ReadWaits(Projections projections, Clock clock) {
        this.projections = projections;
        this.clock = clock;
    }

    /** The read being handled on this thread, if it may be parked: a servlet request that can go asynchronous. */
    static Optional<HttpServletRequest> parkableRequest() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Optional.empty();
        }
        HttpServletRequest request = attributes.getRequest();
        return request.isAsyncSupported() ? Optional.of(request) : Optional.empty();
    }

    /** When the wait of {@code request} ends: kept from its first wait, else {@code fresh} (and kept from now on). */
    static Instant deadline(HttpServletRequest request, Instant fresh) {
        if (request.getAttribute(DEADLINE) instanceof Instant kept) {
            return kept;
        }
        request.setAttribute(DEADLINE, fresh);
        return fresh;
    }

    /**
     * Whether {@code request} is being handled again after it waited for a projection: work it did on its first
     * handling that must happen once per request (charging a rate limit) is not done again.
     */
    public static boolean isResumed(HttpServletRequest request) {
        return request.getAttribute(DEADLINE) != null;
    }

    /** How many reads are parked now. */
    public int parked() {
        return parked.size();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("lbf.reads.parked", this, ReadWaits::parked)
                .description("reads waiting, off the server's threads, for their projection to reach their position")
                .baseUnit("requests").register(registry);
    }

    /** Parks the read until the projection has reached the position or the deadline has passed. */
    void park(HttpServletRequest request, HttpServletResponse response, AwaitingPosition waiting) {
        AsyncContext context = request.startAsync(request, response);
        long untilDeadline = Math.max(0, Duration.between(clock.instant(), waiting.deadline()).toMillis());
        context.setTimeout(untilDeadline + CONTAINER_MARGIN.toMillis());
        Parked read = new Parked(context, request, waiting);
        context.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                parked.remove(read);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                resume(read); // the handler answers 503: the deadline has long passed
            }

            @Override
            public void onError(AsyncEvent event) {
                parked.remove(read); // the caller went away
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // parked again by its next handling: that one registers itself
            }
        });
        parked.add(read);
        if (ticks.isShutdown()) {
            // the service is stopping: answer now (503), as the deadline had passed
            request.setAttribute(DEADLINE, clock.instant().minusMillis(1));
            resume(read);
            return;
        }
        tickSoon();
    }

    private void tickSoon() {
        if (ticking.compareAndSet(false, true)) {
            ticks.schedule(this::tick, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            // many reads wait for the same position of the same projection: asked once a tick
            Map<List<Object>, Boolean> reachedNow = new HashMap<>();
            for (Parked read : parked) {
                AwaitingPosition waiting = read.waiting();
                if (!now.isBefore(waiting.deadline()) || reachedNow.computeIfAbsent(
                        List.of(waiting.projection(), waiting.position()), key -> reached(waiting))) {
                    resume(read);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Checking the parked reads failed; they are checked again: {}", e.toString());
        } finally {
            ticking.set(false);
            if (!parked.isEmpty()) {
                tickSoon();
            }
        }
    }

    private boolean reached(AwaitingPosition waiting) {
        try {
            return projections.hasReached(waiting.projection(), waiting.position());
        } catch (RuntimeException e) {
            return true; // the handler meets the same failure and answers it
        }
    }

    /** Lets the container handle the read again; it answers from the projection or with 503. */
    private void resume(Parked read) {
        if (!parked.remove(read)) {
            return; // already resumed, or the caller went away
        }
        // the park went through the handler's exception handling, which noted the exception on the request; the
        // next handling must not see it as a failure of its own
        for (String name : Collections.list(read.request().getAttributeNames())) {
            if (read.request().getAttribute(name) == read.waiting()) {
                read.request().removeAttribute(name);
            }
        }
        try {
            read.context().dispatch();
        } catch (IllegalStateException finished) {
            // the request ended in the meantime (the caller went away)
        }
    }

    /** Answers every parked read now (503 where the projection is still behind), so that none outlives the server. */
    @PreDestroy
    void resumeAll() {
        ticks.shutdownNow();
        for (Parked read : parked) {
            read.request().setAttribute(DEADLINE, clock.instant().minusMillis(1));
            resume(read);
        }
    }

    private record Parked(AsyncContext context, HttpServletRequest request, AwaitingPosition waiting) {
    }

    /**
     * Thrown by {@link Projections#awaitReadable} in a request that can be parked, while its projection has not
     * reached the position: {@link ReadWaitResolver} parks the request. Carries no stack trace (it is no failure).
     */
    static final class AwaitingPosition extends RuntimeException {

        private final String projection;
        private final long position;
        private final Instant deadline;

        AwaitingPosition(String projection, long position, Instant deadline) {
            super("waiting for projection " + projection + " to reach position " + position, null, false, false);
            this.projection = projection;
            this.position = position;
            this.deadline = deadline;
        }

        String projection() {
            return projection;
        }

        long position() {
            return position;
        }

        Instant deadline() {
            return deadline;
        }
    }
}
