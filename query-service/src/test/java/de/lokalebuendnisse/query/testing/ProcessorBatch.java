package de.lokalebuendnisse.query.testing;

import de.lokalebuendnisse.platform.projection.BatchFlushInterceptor;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Delivers events to a projection bean in one batch, as its pooled streaming processor does: a batching unit of work,
 * through the interceptor the query service's processors have ({@link BatchFlushInterceptor}: it writes the batch's
 * collections and does the work collected for its end, {@link de.lokalebuendnisse.platform.projection.BatchEnd}).
 */
public final class ProcessorBatch {

    private final AnnotationEventHandlerAdapter adapter;

    public ProcessorBatch(Object projection) {
        this.adapter = new AnnotationEventHandlerAdapter(projection);
    }

    public void deliver(List<EventMessage<?>> events) {
        deliver(events, handled -> { });
    }

    /** As {@link #deliver(List)}; {@code afterEach} runs after each event's handler, before the batch ends. */
    public void deliver(List<EventMessage<?>> events, Consumer<EventMessage<?>> afterEach) {
        MessageHandlerInterceptor<EventMessage<?>> watch = (unitOfWork, chain) -> {
            Object result = chain.proceed();
            afterEach.accept(unitOfWork.getMessage());
            return result;
        };
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new ArrayList<>(events));
        ResultMessage<?> result = batch.executeWithResult(() -> new DefaultInterceptorChain<>(batch,
                List.of(new BatchFlushInterceptor(), watch), message -> adapter.handle(message))
                .proceed());
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
    }

    /**
     * An event of the aggregate {@code aggregateId} at {@code sequence} in its stream and {@code position} in the
     * store, made to be handed over to a batch (the harness delivers what it publishes at once).
     */
    public static EventMessage<?> tracked(String aggregateId, long sequence, long position, Object payload) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>("Test", aggregateId, sequence, payload));
    }

    /** Delivers the events in consecutive batches of {@code size}. */
    public void deliverInBatchesOf(int size, List<EventMessage<?>> events) {
        for (int from = 0; from < events.size(); from += size) {
            deliver(events.subList(from, Math.min(events.size(), from + size)));
        }
    }
}
