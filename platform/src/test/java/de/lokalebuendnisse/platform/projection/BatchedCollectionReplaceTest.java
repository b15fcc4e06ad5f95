package de.lokalebuendnisse.platform.projection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
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
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whole-document replacements through {@link BatchedCollection#replace} (how the audit projections write): a
 * processor batch's documents are written once its last event has been handled and before its token is stored; a
 * failed batch writes nothing; writes outside a batch go out at once; reads in the batch see the replacements, and
 * what the batch leaves is what MongoDB's replace-upserts one by one leave. The batch is driven as Axon's pooled
 * processor drives it: a {@link BatchingUnitOfWork} whose prepare-commit stores the token (registered before the
 * events are handled), each event through the processor's {@link BatchFlushInterceptor}.
 */
class BatchedCollectionReplaceTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> documents;
    private BatchedCollection batched;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        documents = client.getDatabase("batch-writes").getCollection("entries");
        batched = new BatchedCollection(documents);
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
        unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(new BatchFlushInterceptor()), (MessageHandler<EventMessage<?>>) message -> {
                    write(message);
                    assertThat(documents.countDocuments()).isEqualTo(1);
                    return null;
                }).proceed());
        assertThat(documents.countDocuments()).isEqualTo(1);
    }

    @Test
    void readsInTheBatchSeeItsReplacementsAndUpsertsInTheOrderMade() {
        documents.insertOne(new Document("_id", "a").append("old", "stored").append("n", 1));
        List<BsonDocument> read = new ArrayList<>();

        processBatch(new ArrayList<>(), event -> {
            switch (event.getIdentifier()) {
                // an upsert, then a replacement that must drop what the upsert and the stored document had
                case "1" -> batched.upsert("a", Updates.set("added", "by upsert"));
                case "2" -> batched.replace("a", new Document("text", "replaced"));
                case "3" -> read.add(batched.find("a"));
                // an upsert on top of the replacement, and a replacement of a document never stored
                case "4" -> batched.upsert("a", Updates.set("n", 2));
                case "5" -> batched.replace("b", new Document("_id", "b").append("text", "new"));
                default -> {
                    read.add(batched.find("a"));
                    read.add(batched.find("b"));
                }
            }
            return null;
        }, event("1", ""), event("2", ""), event("3", ""), event("4", ""), event("5", ""), event("6", ""));

        BsonDocument a = BsonDocument.parse("{_id: 'a', text: 'replaced', n: 2}");
        BsonDocument b = BsonDocument.parse("{_id: 'b', text: 'new'}");
        assertThat(read).containsExactly(BsonDocument.parse("{_id: 'a', text: 'replaced'}"), a, b);
        assertThat(stored("a")).isEqualTo(a);
        assertThat(stored("b")).isEqualTo(b);
    }

    @Test
    void theCopyInMemoryOfAReplacementIsWhatTheDatabaseStores() {
        MongoCollection<BsonDocument> raw = documents.withDocumentClass(BsonDocument.class);
        raw.insertOne(BsonDocument.parse("{_id: 'x', gone: true, nested: {a: 1}}"));
        List<BsonDocument> replacements = List.of(
                BsonDocument.parse("{nested: {b: [1, 2]}, list: [{c: 'd'}]}"),
                BsonDocument.parse("{text: 'with id last', _id: 'x'}"),
                BsonDocument.parse("{}"));
        for (BsonDocument replacement : replacements) {
            raw.replaceOne(Filters.eq("_id", "x"), replacement, new ReplaceOptions().upsert(true));
            raw.replaceOne(Filters.eq("_id", "fresh"), replacement.clone().append("_id", new BsonString("fresh")),
                    new ReplaceOptions().upsert(true));
            assertThat(BatchedCollection.replaced(new BsonString("x"), replacement)).isEqualTo(stored("x"));
            assertThat(BatchedCollection.replaced(new BsonString("fresh"), replacement)).isEqualTo(stored("fresh"));
            raw.deleteOne(Filters.eq("_id", "fresh"));
        }
    }

    @Test
    void aReplacementNamingAnotherIdIsRefusedInAndOutsideABatch() {
        Document other = new Document("_id", "b").append("text", "wrong");
        assertThatThrownBy(() -> batched.replace("a", other)).isInstanceOf(IllegalArgumentException.class);

        ResultMessage<?> result = processBatch(new ArrayList<>(), event -> {
            batched.replace("a", other);
            return null;
        }, event("e1", ""));
        assertThat(result.isExceptional()).isTrue();
        assertThat(documents.countDocuments()).isZero();
    }

    /** As Axon's WorkPackage and AbstractEventProcessor do it; the token store is a note of what was written. */
    private ResultMessage<?> processBatch(List<Long> storedWhenTheTokenIsStored,
                                          MessageHandler<EventMessage<?>> handler, EventMessage<?>... events) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(events));
        unitOfWork.onPrepareCommit(u -> storedWhenTheTokenIsStored.add(documents.countDocuments()));
        return unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(new BatchFlushInterceptor()), handler).proceed(), RollbackConfigurationType.ANY_THROWABLE);
    }

    private void write(EventMessage<?> event) {
        batched.replace(event.getIdentifier(), new Document("text", event.getPayload()));
    }

    private BsonDocument stored(String id) {
        return documents.withDocumentClass(BsonDocument.class).find(Filters.eq("_id", id)).first();
    }

    private static EventMessage<?> event(String id, String text) {
        return new GenericEventMessage<>(id, text, MetaData.emptyInstance(), Instant.now());
    }
}
