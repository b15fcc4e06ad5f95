package de.lokalebuendnisse.query.web;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-sent event streams that are open. A stream is a request that never ends by itself, and a client that
 * went away is only noticed at the next send, so graceful shutdown would wait its full timeout for them: they are
 * ended when the service stops, before the web server begins its graceful shutdown (a higher phase stops earlier).
 */
@Component
class LiveStreams implements SmartLifecycle {

    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /** A new stream; {@code onEnd} runs once it ends for whatever reason (completion, timeout, error, shutdown). */
    SseEmitter open(Duration timeout, Runnable onEnd) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Runnable end = () -> {
            if (open.remove(emitter)) {
                onEnd.run();
            }
        };
        emitter.onCompletion(end);
        emitter.onError(error -> end.run());
        emitter.onTimeout(() -> {
            end.run();
            emitter.complete();
        });
        open.add(emitter);
        return emitter;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        for (SseEmitter emitter : Set.copyOf(open)) {
            emitter.complete();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
