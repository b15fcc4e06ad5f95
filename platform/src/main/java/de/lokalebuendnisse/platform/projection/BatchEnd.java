package de.lokalebuendnisse.platform.projection;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work a projection collects while its processor batch is handled and does once, when the batch's last event has been
 * handled: {@link BatchFlushInterceptor} does it right after writing the batch's {@link BatchedCollection}s, still
 * inside the handling of that event, so before the prepare-commit phase in which the pooled streaming processor
 * stores the batch's token. A failing piece of work fails the batch and its token stays where it was; the batch is
 * then handled again, so the work must be idempotent like every handler.
 * <p>
 * Without that interceptor around the handler (a dead-letter retry, a test delivering one event), the work of each
 * event is done at the end of its own handling: the same code, with a batch of one.
 */
public final class BatchEnd {

    /** Resource of the batch's unit of work: per owner its collected work, in the order first used. */
    static final String WORK = BatchEnd.class.getName() + ".work";

    private BatchEnd() {
    }

    /** One projection's collected work of a batch. */
    public interface Work {
        void finish();
    }

    /**
     * Adds to the current batch's work of {@code owner} (made by {@code start} when the batch first needs it) with
     * {@code collect}; outside a processor batch the work is finished at once.
     */
    public static <W extends Work> void collect(Object owner, Supplier<W> start, Consumer<W> collect) {
        Map<Object, Work> batchWork = batchWork();
        if (batchWork == null) {
            W single = start.get();
            collect.accept(single);
            single.finish();
            return;
        }
        @SuppressWarnings("unchecked")
        W work = (W) batchWork.computeIfAbsent(owner, key -> start.get());
        collect.accept(work);
    }

    /**
     * The payloads of the events of the current processor batch, for work that reads ahead what they will need; none
     * outside a processor batch. An event whose payload cannot be read here is left out: it fails (and is
     * dead-lettered) in its own handling, not in the event that reads ahead.
     */
    public static List<Object> payloadsOfTheBatch() {
        if (batchWork() == null || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return List.of();
        }
        List<Object> payloads = new ArrayList<>();
        for (Message<?> message : batch.getMessages()) {
            try {
                payloads.add(message.getPayload());
            } catch (RuntimeException unreadable) {
                // see above: left to its own handling
            }
        }
        return payloads;
    }

    private static Map<Object, Work> batchWork() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return CurrentUnitOfWork.get().root().getResource(WORK);
    }
}
