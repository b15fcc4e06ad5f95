package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A processor's batch, once fetched, waits before its first event is handled until the store has written the batch's
 * events to its file ({@link StoreFence}): no processor acts on an event that a crash of the file's host could still
 * take back. Registered first, around every other interceptor of the projections and of the command side's processes.
 * A unit of work of one event outside a batch (a dead-letter retry) handles an event that passed the fence when it
 * was first delivered.
 */
public final class FencedBatches implements MessageHandlerInterceptor<EventMessage<?>> {

    private final StoreFence fence;

    public FencedBatches(StoreFence fence) {
        this.fence = fence;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (unitOfWork.root() instanceof BatchingUnitOfWork<?> batch && batch.isFirstMessage()) {
            fence.awaitStored();
        }
        return interceptorChain.proceed();
    }
}
