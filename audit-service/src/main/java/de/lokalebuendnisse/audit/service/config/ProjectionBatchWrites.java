package de.lokalebuendnisse.audit.service.config;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends what a projection writes while its processor handles one batch of events as one ordered bulk write per
 * collection, right after the batch's last event has been handled, instead of one round trip per event.
 * <p>
 * Why that keeps a crash safe: Axon stores a batch's token when the batch's unit of work prepares its commit, which
 * is after every event of the batch has been handled, so the documents are always written before the token that
 * says they were. A crash before the bulk write leaves the token where it was and the batch is handled again; the
 * writes are replacements by key, so handling it again changes nothing twice. A failure of the bulk write fails the
 * batch (the processor retries it from its token), and a batch that fails on the way drops what it gathered with its
 * unit of work.
 * <p>
 * Registered as a handler interceptor of the processors that use it ({@link AuditProjectionBatches}); a write made
 * anywhere else (outside such a processor's batch: a dead letter retried, a test calling a handler) is sent at once,
 * as before.
 */
public class ProjectionBatchWrites implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String PENDING = ProjectionBatchWrites.class.getName() + ".pending";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions IN_ORDER = new BulkWriteOptions().ordered(true);

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Pending pending = unitOfWork.root().getOrComputeResource(PENDING, key -> new Pending());
        Object result = interceptorChain.proceed();
        // a unit of work of one event (a dead letter retried) is its own last message
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            pending.flush();
        }
        return result;
    }

    /**
     * Replaces the document {@code filter} selects by {@code document} (inserting it when there is none), with the
     * current batch, or at once outside one.
     */
    public void replace(MongoCollection<Document> collection, Bson filter, Document document) {
        Pending pending = pendingOfCurrentBatch();
        if (pending == null) {
            collection.replaceOne(filter, document, UPSERT);
        } else {
            pending.add(collection, new ReplaceOneModel<>(filter, document, UPSERT));
        }
    }

    private static Pending pendingOfCurrentBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return CurrentUnitOfWork.get().root().getResource(PENDING);
    }

    /** The writes one batch has gathered, per collection in the order they were made. */
    private static final class Pending {

        private final Map<MongoNamespace, Writes> byCollection = new LinkedHashMap<>();

        void add(MongoCollection<Document> collection, WriteModel<Document> write) {
            byCollection.computeIfAbsent(collection.getNamespace(), namespace -> new Writes(collection)).models
                    .add(write);
        }

        void flush() {
            for (Writes writes : byCollection.values()) {
                if (!writes.models.isEmpty()) {
                    writes.collection.bulkWrite(writes.models, IN_ORDER);
                    writes.models.clear();
                }
            }
        }
    }

    private record Writes(MongoCollection<Document> collection, List<WriteModel<Document>> models) {

        Writes(MongoCollection<Document> collection) {
            this(collection, new ArrayList<>());
        }
    }
}
