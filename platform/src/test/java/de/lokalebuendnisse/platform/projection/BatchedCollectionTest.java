package de.lokalebuendnisse.platform.projection;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.lokalebuendnisse.platform.testing.ProjectionHarness;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A projection writing through {@link BatchedCollection} under a real pooled streaming processor: a batch's upserts
 * reach the database before its token is stored, a handler reads what earlier events of the batch changed, and a
 * failing bulk write leaves the token where it was until the batch is handled again.
 */
class BatchedCollectionTest {

    private final ProjectionHarness harness = new ProjectionHarness();
    private final MongoCollection<BsonDocument> stored = harness.database().getCollection("items", BsonDocument.class);
    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    /** As the services keep them: written when stored, not held back until the unit of work commits. */
    private final TokenStore tokens = MongoTokenStore.builder()
            .mongoTemplate(DefaultMongoTemplate.builder()
                    .mongoDatabase(harness.client(), harness.database().getName()).build())
            .serializer(JacksonSerializer.defaultSerializer())
            .build();
    private final AtomicBoolean bulkWritesFail = new AtomicBoolean();
    private final List<Integer> bulkWriteSizes = new ArrayList<>();
    private final List<Bson> finds = new CopyOnWriteArrayList<>();
    private boolean loadAhead;
    private PooledStreamingEventProcessor processor;

    record ItemAdded(String list, String item, String kind) {
    }

    record ItemRemoved(String list, String item) {
    }

    /** Keeps per list its items and their count, derived from the items with the change or as read back after it. */
    static final class ItemLists {

        private final BatchedCollection documents;

        ItemLists(MongoCollection<?> collection) {
            this.documents = new BatchedCollection(collection);
        }

        /** Loads the lists of a batch's events with one find. */
        ItemLists(MongoCollection<?> collection, boolean loadAhead) {
            this.documents = loadAhead ? new BatchedCollection(collection, ItemLists::listOf)
                    : new BatchedCollection(collection);
        }

        private static Object listOf(Object event) {
            if (event instanceof ItemAdded added) {
                return added.list();
            }
            return event instanceof ItemRemoved removed ? removed.list() : null;
        }

        @EventHandler
        void on(ItemAdded event) {
            documents.upsert(event.list(), Updates.combine(Updates.set("items." + event.item(), event.kind()),
                    Updates.addToSet("kinds", event.kind())), ItemLists::countOf);
        }

        @EventHandler
        void on(ItemRemoved event) {
            documents.upsert(event.list(), Updates.unset("items." + event.item()));
            count(event.list());
        }

        private void count(String list) {
            documents.upsert(list, countOf(documents.find(list)));
        }

        private static Bson countOf(BsonDocument list) {
            return Updates.set("count", list.getDocument("items", new BsonDocument()).size());
        }
    }

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        harness.close();
    }

    @Test
    void aBatchIsWrittenInOneBulkWriteAndReadsSeeItsEarlierEvents() {
        publish(new ItemAdded("a", "x", "book"), new ItemAdded("a", "y", "cup"), new ItemAdded("b", "z", "book"),
                new ItemRemoved("a", "x"), new ItemAdded("a", "w", "cup"));
        start();

        await().atMost(Duration.ofSeconds(20)).until(() -> handledUpTo(4));
        assertThat(stored.find(Filters.eq("_id", "a")).first()).isEqualTo(BsonDocument.parse(
                "{_id: 'a', items: {y: 'cup', w: 'cup'}, kinds: ['book', 'cup'], count: 2}"));
        assertThat(stored.find(Filters.eq("_id", "b")).first().get("count")).isEqualTo(new BsonInt32(1));
        // a's five upserts are three writes (each later addition of a kind starts one: $addToSet on a written path),
        // b's one is one; were the processor to cut the events into two batches, there could be more, never six
        assertThat(bulkWriteSizes.stream().mapToInt(Integer::intValue).sum())
                .as("the five events' six upserts, merged per document where the database gives the same")
                .isBetween(4, 5);
    }

    @Test
    void aDocumentFirstReadAfterAnUpsertOfTheBatchIsReadWithIt() {
        stored.insertOne(BsonDocument.parse("{_id: 'c', items: {x: 'book', y: 'cup'}, count: 2}"));
        publish(new ItemRemoved("c", "x"));
        start();

        await().atMost(Duration.ofSeconds(20)).until(() -> handledUpTo(0));
        assertThat(stored.find(Filters.eq("_id", "c")).first()).isEqualTo(BsonDocument.parse(
                "{_id: 'c', items: {y: 'cup'}, count: 1}"));
    }

    @Test
    void loadedAheadABatchReadsAllItsDocumentsWithOneFindAndSeesWhatTheyHold() {
        stored.insertOne(BsonDocument.parse("{_id: 'c', items: {x: 'book', y: 'cup'}, kinds: ['book', 'cup'], count: 2}"));
        stored.insertOne(BsonDocument.parse("{_id: 'd', items: {v: 'pen'}, kinds: ['pen'], count: 1}"));
        loadAhead = true;
        publish(new ItemAdded("a", "x", "book"), new ItemRemoved("c", "x"), new ItemAdded("a", "y", "cup"),
                new ItemAdded("c", "z", "pen"), new ItemRemoved("a", "x"), new ItemAdded("d", "w", "pen"));
        start();

        await().atMost(Duration.ofSeconds(20)).until(() -> handledUpTo(5));
        assertThat(stored.find(Filters.eq("_id", "a")).first()).isEqualTo(BsonDocument.parse(
                "{_id: 'a', items: {y: 'cup'}, kinds: ['book', 'cup'], count: 1}"));
        assertThat(stored.find(Filters.eq("_id", "c")).first()).isEqualTo(BsonDocument.parse(
                "{_id: 'c', items: {y: 'cup', z: 'pen'}, kinds: ['book', 'cup', 'pen'], count: 2}"));
        assertThat(stored.find(Filters.eq("_id", "d")).first()).isEqualTo(BsonDocument.parse(
                "{_id: 'd', items: {v: 'pen', w: 'pen'}, kinds: ['pen'], count: 2}"));
        // the processor may cut the six events into more than one batch: each batch reads with one $in, never by id
        assertThat(finds).as("the reads of the lists").isNotEmpty().allSatisfy(find -> assertThat(
                find.toBsonDocument(BsonDocument.class, stored.getCodecRegistry()).getDocument("_id")
                        .containsKey("$in")).as("%s reads with $in", find).isTrue());
    }

    @Test
    void aFailingBulkWriteLeavesTheTokenBehindUntilTheBatchIsHandledAgain() throws Exception {
        bulkWritesFail.set(true);
        publish(new ItemAdded("a", "x", "book"), new ItemAdded("a", "y", "cup"));
        start();

        await().atMost(Duration.ofSeconds(20)).until(() -> bulkWriteSizes.size() >= 1);
        Thread.sleep(300);
        assertThat(handledUpTo(0)).as("no token past the unwritten batch").isFalse();
        assertThat(stored.countDocuments()).isZero();

        bulkWritesFail.set(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> handledUpTo(1));
        assertThat(stored.find(Filters.eq("_id", "a")).first().get("count")).isEqualTo(new BsonInt32(2));
    }

    @Test
    void withoutAProcessorBatchEveryUpsertAndReadGoesStraightToTheDatabase() {
        ItemLists lists = new ItemLists(stored);
        lists.on(new ItemAdded("a", "x", "book"));
        assertThat(stored.find(Filters.eq("_id", "a")).first().get("count")).isEqualTo(new BsonInt32(1));
        lists.on(new ItemRemoved("a", "x"));
        assertThat(stored.find(Filters.eq("_id", "a")).first().get("count")).isEqualTo(new BsonInt32(0));
    }

    @Test
    void theCopyInMemoryChangesAsTheDatabaseDoes() {
        List<Bson> updates = List.of(
                Updates.combine(Updates.set("name", "Hamm"), Updates.set("seals.p1", new org.bson.Document("x", 1))),
                Updates.addToSet("held", "2024"), Updates.addToSet("held", "2025"), Updates.addToSet("held", "2024"),
                Updates.pull("held", "2024"), Updates.set("seals.p1.revoked", true), Updates.unset("seals.p2"),
                Updates.unset("name"), Updates.set("a.b.c", "deep"), Updates.pull("missing", "x"));
        BsonDocument inMemory = null;
        for (Bson update : updates) {
            stored.updateOne(Filters.eq("_id", "hamm"), update, new UpdateOptions().upsert(true));
            inMemory = BatchedCollection.apply(inMemory, new BsonString("hamm"),
                    update.toBsonDocument(BsonDocument.class, stored.getCodecRegistry()));
        }
        assertThat(inMemory).isEqualTo(stored.find(Filters.eq("_id", "hamm")).first());
    }

    private void publish(Object... payloads) {
        for (int i = 0; i < payloads.length; i++) {
            events.publish(new GenericDomainEventMessage<>("List", "lists", i, payloads[i]));
        }
    }

    @SuppressWarnings("unchecked")
    private void start() {
        MongoCollection<BsonDocument> watched = mock(MongoCollection.class, AdditionalAnswers.delegatesTo(stored));
        when(watched.withDocumentClass(BsonDocument.class)).thenReturn(watched);
        doAnswer(invocation -> {
            List<?> writes = invocation.getArgument(0);
            bulkWriteSizes.add(writes.size());
            if (bulkWritesFail.get()) {
                throw new MongoException("planted: the bulk write fails");
            }
            return stored.bulkWrite((List) writes, (BulkWriteOptions) invocation.getArgument(1));
        }).when(watched).bulkWrite(anyList(), any(BulkWriteOptions.class));
        doAnswer(invocation -> {
            finds.add(invocation.getArgument(0));
            return stored.find((Bson) invocation.getArgument(0));
        }).when(watched).find(any(Bson.class));
        processor = PooledStreamingEventProcessor.builder()
                .name("items")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new ItemLists(watched, loadAhead))
                        .build())
                .messageSource(events)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(Executors.newSingleThreadScheduledExecutor())
                .workerExecutor(Executors.newSingleThreadScheduledExecutor())
                .initialSegmentCount(1)
                .batchSize(100)
                .build();
        processor.registerHandlerInterceptor(new BatchFlushInterceptor());
        processor.start();
    }

    /** Whether the stored token of segment 0 covers the event at {@code index}. */
    private boolean handledUpTo(long index) {
        if (tokens.fetchSegments("items").length == 0) {
            return false;
        }
        TrackingToken token = tokens.fetchToken("items", 0);
        return token != null && token.covers(new GlobalSequenceTrackingToken(index));
    }
}
