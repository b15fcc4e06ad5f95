package de.lokalebuendnisse.platform.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets the {@link BatchedCollection}s of a processor batch keep their upserts and the projections collect work for
 * the batch's end ({@link BatchEnd}), and once the batch's last event has been handled writes the collections, then
 * does the collected work: still inside the handling of that event, so before the prepare-commit phase in which the
 * pooled streaming processor stores the batch's token. A failing write fails the batch; its token stays where it
 * was. Without this interceptor around them (a dead-letter retry), the collections write at once and the work is
 * done at the end of each event.
 */
public final class BatchFlushInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    /** Resource of the batch's unit of work: the kept upserts per collection, in the order first used. */
    static final String BATCHES = BatchFlushInterceptor.class.getName() + ".batches";

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (!(unitOfWork.root() instanceof BatchingUnitOfWork<?> batch)) {
            return interceptorChain.proceed();
        }
        Map<BatchedCollection, BatchedCollection.Batch> batches =
                batch.getOrComputeResource(BATCHES, key -> new LinkedHashMap<>());
        Map<Object, BatchEnd.Work> work = batch.getOrComputeResource(BatchEnd.WORK, key -> new LinkedHashMap<>());
        Object result = interceptorChain.proceed();
        if (batch.isLastMessage()) {
            for (BatchedCollection.Batch collection : batches.values()) {
                collection.flush();
            }
            for (BatchEnd.Work owned : work.values()) {
                owned.finish();
            }
            work.clear();
        }
        return result;
    }
}
