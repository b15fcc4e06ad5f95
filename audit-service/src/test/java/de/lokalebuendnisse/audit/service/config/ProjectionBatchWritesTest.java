package de.lokalebuendnisse.audit.service.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor batch's documents are written once its last event has been handled and before its token is stored;
 * a failed batch writes nothing; writes outside a batch go out at once. The batch is driven as Axon's pooled
 * processor drives it: a {@link BatchingUnitOfWork} whose prepare-commit stores the token (registered before the
 * events are handled), each event through the processor's interceptor chain.
 */
class ProjectionBatchWritesTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> documents;
    private final ProjectionBatchWrites batchWrites = new ProjectionBatchWrites();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        documents = client.getDatabase("batch-writes").getCollection("entries");
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void writesTheBatchInOneGoAfterItsLastEventAndBeforeItsToken() {
        List<Long> storedWhileHandling = new ArrayList<>();
        List<Long> storedWhenTheTokenIsStored = new ArrayList<>();

        ResultMessage<?> result = processBatch(storedWhenTheTokenIsStored, event -> {
            storedWhileHandling.add(documents.countDocuments());
            write(event);
            return null;
        }, event("e1", "first"), event("e2", "second"), event("e3", "third"));

        assertThat(result.isExceptional()).isFalse();
        assertThat(storedWhileHandling).containsExactly(0L, 0L, 0L);
        assertThat(storedWhenTheTokenIsStored).containsExactly(3L);
        assertThat(documents.find(Filters.eq("_id", "e2")).first().getString("text")).isEqualTo("second");
    }

    @Test
    void aBatchThatFailsWritesNothingAndItsRetryWritesEachDocumentOnce() {
        List<Long> storedWhenTheTokenIsStored = new ArrayList<>();
        EventMessage<?>[] batch = {event("e1", "first"), event("e2", "second"), event("e3", "third")};

        ResultMessage<?> failed = processBatch(storedWhenTheTokenIsStored, event -> {
            if (event.getIdentifier().equals("e2")) {
                throw new IllegalStateException("the database went away");
            }
            write(event);
            return null;
        }, batch);

        assertThat(failed.isExceptional()).isTrue();
        assertThat(storedWhenTheTokenIsStored).isEmpty();
        assertThat(documents.countDocuments()).isZero();

        // the processor handles the batch again from its token; a redelivered event replaces its document
        processBatch(storedWhenTheTokenIsStored, event -> {
            write(event);
            return null;
        }, batch);
        processBatch(storedWhenTheTokenIsStored, event -> {
            write(event);
            return null;
        }, batch);
        assertThat(documents.countDocuments()).isEqualTo(3);
        assertThat(storedWhenTheTokenIsStored).containsExactly(3L, 3L);
    }

    @Test
    void aDocumentWrittenTwiceInOneBatchEndsAsTheLaterWrite() {
        processBatch(new ArrayList<>(), event -> {
            write(event);
            return null;
        }, event("e1", "before"), event("e2", "other"), event("e1", "after"));

        assertThat(documents.countDocuments()).isEqualTo(2);
        assertThat(documents.find(Filters.eq("_id", "e1")).first().getString("text")).isEqualTo("after");
    }

    @Test
    void writesOutsideAProcessorBatchGoOutAtOnce() throws Exception {
        write(event("alone", "no unit of work"));
        assertThat(documents.countDocuments()).isEqualTo(1);

        // a unit of work the interceptor does not run in (a test calling a handler, another processor)
        EventMessage<?> event = event("handled", "unit of work without the interceptor");
        DefaultUnitOfWork.startAndGet(event).execute(() -> {
            write(event);
            assertThat(documents.countDocuments()).isEqualTo(2);
        });
    }

    @Test
    void aSingleEventUnitOfWorkThroughTheInterceptorIsWrittenWhenItsEventIsHandled() throws Exception {
        // a dead letter retried: one event in a unit of work of its own, through the processor's interceptors
        EventMessage<?> event = event("letter", "retried");
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork, List.of(batchWrites),
                (MessageHandler<EventMessage<?>>) message -> {
                    write(message);
                    return null;
                }).proceed());
        assertThat(documents.countDocuments()).isEqualTo(1);
    }

    /** As Axon's WorkPackage and AbstractEventProcessor do it; the token store is a note of what was written. */
    private ResultMessage<?> processBatch(List<Long> storedWhenTheTokenIsStored,
                                          MessageHandler<EventMessage<?>> handler, EventMessage<?>... events) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(events));
        unitOfWork.onPrepareCommit(u -> storedWhenTheTokenIsStored.add(documents.countDocuments()));
        return unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork, List.of(batchWrites),
                handler).proceed(), RollbackConfigurationType.ANY_THROWABLE);
    }

    private void write(EventMessage<?> event) {
        batchWrites.replace(documents, Filters.eq("_id", event.getIdentifier()),
                new Document("_id", event.getIdentifier()).append("text", event.getPayload()));
    }

    private static EventMessage<?> event(String id, String text) {
        return new GenericEventMessage<>(id, text, MetaData.emptyInstance(), Instant.now());
    }
}
