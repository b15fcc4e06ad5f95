package de.lokalebuendnisse.platform.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lets the {@link BatchedCollection}s of a processor batch keep their upserts and the projections collect work for
 * the batch's end ({@link BatchEnd}), and once the batch's last event has been handled writes the collections, then
 * does the collected work: still inside the handling of that event, so before the prepare-commit phase in which the
 * pooled streaming processor stores the batch's token. A failing write fails the batch; its token stays where it
 * was. Without this interceptor around them (a dead-letter retry), the collections write at once and the work is
 * done at the end of each event.
 * <p>
 * While a projection that allows it is replayed, the batches share a window ({@link ReplayWindows}) and the writes
 * and work are done when the window closes instead.
 */
public final class BatchFlushInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    /** Resource of the batch's unit of work: the kept upserts per collection, in the order first used. */
    static final String BATCHES = BatchFlushInterceptor.class.getName() + ".batches";
    /** Resource of the batch's unit of work: the replay window it handles its events in, if any. */
    private static final String WINDOW = BatchFlushInterceptor.class.getName() + ".window";

    private final String group;
    private final ReplayWindows windows;

    /** For a processor whose batches always write on their own. */
    public BatchFlushInterceptor() {
        this("", ReplayWindows.none());
    }

    /** For the processor of {@code group}, whose replays use {@code windows} where they allow it. */
    public BatchFlushInterceptor(String group, ReplayWindows windows) {
        this.group = group;
        this.windows = windows;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (!(unitOfWork.root() instanceof BatchingUnitOfWork<?> batch)) {
            return interceptorChain.proceed();
        }
        Optional<ReplayWindows.Window> window = batch.getOrComputeResource(WINDOW,
                key -> Optional.ofNullable(windows.windowFor(group, batch)));
        // the work first: reading ahead asks it for the batch's events
        Map<Object, BatchEnd.Work> work = batch.getOrComputeResource(BatchEnd.WORK,
                key -> window.map(kept -> kept.work).orElseGet(LinkedHashMap::new));
        Map<BatchedCollection, BatchedCollection.Batch> batches = batch.getOrComputeResource(BATCHES,
                key -> window.map(kept -> readAheadIn(kept)).orElseGet(LinkedHashMap::new));
        Object result = interceptorChain.proceed();
        if (batch.isLastMessage()) {
            if (window.isEmpty()) {
                ReplayWindows.Window.write(batches, work);
            } else if (windows.closesAfter(window.get(), batch.getMessage())) {
                windows.close(group, window.get());
            }
        }
        return result;
    }

    /** Whether the processor batch of {@code unitOfWork} handles its events in a replay window. */
    static boolean inReplayWindow(UnitOfWork<?> unitOfWork) {
        Optional<?> window = unitOfWork.root().getResource(WINDOW);
        return window != null && window.isPresent();
    }

    /** The window's collections, each having read ahead what this processor batch's events address. */
    private static Map<BatchedCollection, BatchedCollection.Batch> readAheadIn(ReplayWindows.Window window) {
        for (BatchedCollection.Batch collection : window.batches.values()) {
            collection.loadAhead();
        }
        return window.batches;
    }
}
