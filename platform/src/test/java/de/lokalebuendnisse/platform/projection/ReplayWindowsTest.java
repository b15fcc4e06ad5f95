package de.lokalebuendnisse.platform.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import de.lokalebuendnisse.platform.projection.BatchedCollectionTest.ItemAdded;
import de.lokalebuendnisse.platform.projection.BatchedCollectionTest.ItemLists;
import de.lokalebuendnisse.platform.projection.BatchedCollectionTest.ItemRemoved;
import de.lokalebuendnisse.platform.testing.ProjectionHarness;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A replay of a projection whose group allows windows, under a real pooled streaming processor and token store: the
 * documents are written once per window and end as batch-by-batch handling leaves them, the stored token never passes
 * what the documents hold, and a stop or a failing batch in the middle of a window costs only work done again.
 */
class ReplayWindowsTest {

    private static final String GROUP = "items";
    /** 600 events over three lists, interleaved as a store interleaves its aggregates. */
    private static final int EVENTS = 600;

    private final ProjectionHarness harness = new ProjectionHarness();
    private final MongoCollection<BsonDocument> stored = harness.database().getCollection(GROUP, BsonDocument.class);
    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final TokenStore mongoTokens = MongoTokenStore.builder()
            .mongoTemplate(DefaultMongoTemplate.builder()
                    .mongoDatabase(harness.client(), harness.database().getName()).build())
            .serializer(JacksonSerializer.defaultSerializer())
            .build();
    private final AtomicInteger bulkWrites = new AtomicInteger();
    /** The bulk writes before the pass under test. */
    private int firstPassWrites;
    private final List<Bson> finds = new CopyOnWriteArrayList<>();
    /** Per bulk write, the event being handled when it was sent (a batch writes in the handling of its last). */
    private final List<Long> writtenAfter = new CopyOnWriteArrayList<>();
    /** Per bulk write, the kinds of its writes (UpdateOneModel, ReplaceOneModel). */
    private final List<Set<String>> writeKinds = new CopyOnWriteArrayList<>();
    private final AtomicLong handling = new AtomicLong(-1);
    private ReplayWindows windows = new ReplayWindows(Set.of(GROUP), 1500, Duration.ofMinutes(1), Clock.systemUTC());
    private TokenStore tokens;
    private PooledStreamingEventProcessor processor;
    /** Events the handling waits before, and what it waits for. */
    private volatile int holdBefore = -1;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    /** The handling of this event fails once. */
    private volatile int failOnce = -1;
    /** Whether {@link #holdBefore} also holds a pass that is no replay (a catch-up). */
    private volatile boolean holdsCatchUp;
    /** How often the windows asked for the store's head. */
    private final AtomicInteger headAsked = new AtomicInteger();

    @AfterEach
    void stop() {
        release.countDown();
        if (processor != null) {
            processor.shutDown();
        }
        harness.close();
    }

    @Test
    void a_replay_writes_once_per_window_and_leaves_the_documents_as_batch_by_batch_handling_did() {
        Map<String, BsonDocument> handledBatchByBatch = handledOnce(1);
        int writesBatchByBatch = bulkWrites.get();

        finds.clear();
        replay();
        awaitReplayed();

        assertThat(documents()).isEqualTo(handledBatchByBatch);
        // each processor batch of the window reads ahead what it does not hold yet, never one document by its id
        assertThat(finds).as("the reads of the lists in the replay").isNotEmpty().allSatisfy(find -> {
            BsonValue id = find.toBsonDocument(BsonDocument.class, stored.getCodecRegistry()).get("_id");
            assertThat(id.isDocument() && id.asDocument().containsKey("$in")).as("%s reads with $in", find).isTrue();
        });
        assertThat(writesBatchByBatch).as("bulk writes of the first pass, one per batch of 100").isGreaterThanOrEqualTo(6);
        // one window: every write of the replay is sent after its last event, none before
        assertThat(writtenAfter.subList(writesBatchByBatch, writtenAfter.size())).as("the event being handled at each write")
                .isNotEmpty().containsOnly((long) EVENTS - 1);
        // the window writes each list whole, as it kept it, not its merged upserts beside it (a second copy)
        assertThat(writeKinds.subList(writesBatchByBatch, writeKinds.size())).as("the writes of the window")
                .containsOnly(Set.of("ReplaceOneModel"));
        assertThat(writeKinds.subList(0, writesBatchByBatch)).as("the writes of the first pass, batch by batch")
                .allSatisfy(kinds -> assertThat(kinds).contains("UpdateOneModel").doesNotContain("ReplaceOneModel"));
    }

    @Test
    void while_a_window_is_open_nothing_of_it_is_written_and_the_stored_token_stays_where_the_documents_are() {
        Map<String, BsonDocument> complete = handledOnce(1);

        holdBefore = 450;
        replay();
        await().atMost(Duration.ofSeconds(30)).until(() -> held.getCount() == 0);

        // four batches handled in the window, none written, the token still where the reset put it
        assertThat(stored.countDocuments()).isZero();
        assertThat(storedPosition()).isLessThan(0);
        release.countDown();
        awaitReplayed();
        assertThat(documents()).isEqualTo(complete);
    }

    @Test
    void a_stop_in_the_middle_of_a_window_loses_its_writes_only_and_the_next_start_replays_them_again()
            throws InterruptedException {
        Map<String, BsonDocument> complete = handledOnce(1);

        holdBefore = 450;
        replay();
        await().atMost(Duration.ofSeconds(30)).until(() -> held.getCount() == 0);
        stopWhileHeld();
        processor.start();
        awaitReplayed();
        assertThat(documents()).isEqualTo(complete);
    }

    @Test
    void a_batch_failing_in_a_window_discards_it_and_the_replay_still_ends_with_every_document_right() {
        Map<String, BsonDocument> complete = handledOnce(1);

        failOnce = 350;
        replay();
        await().atMost(Duration.ofSeconds(60)).until(() -> failOnce < 0 && !processor.isReplaying()
                && storedPosition() >= EVENTS - 1);

        assertThat(documents()).isEqualTo(complete);
    }

    @Test
    void a_processor_with_two_segments_or_a_group_without_windows_writes_batch_by_batch() {
        windows = new ReplayWindows(Set.of("another"), 1500, Duration.ofMinutes(1), Clock.systemUTC());
        handledOnce(1);
        int firstPass = bulkWrites.get();
        replay();
        awaitReplayed();
        assertThat(bulkWrites.get() - firstPass).as("bulk writes of a replay without windows").isGreaterThanOrEqualTo(6);

        processor.shutDown();
        stored.deleteMany(new BsonDocument());
        harness.database().getCollection("trackingtokens").deleteMany(new BsonDocument());
        windows = new ReplayWindows(Set.of(GROUP), 1500, Duration.ofMinutes(1), Clock.systemUTC());
        start(2);
        awaitStored();
        int twoSegments = bulkWrites.get();
        replay();
        awaitReplayed();
        assertThat(bulkWrites.get() - twoSegments).as("bulk writes of a replay in two segments")
                .isGreaterThanOrEqualTo(6);
        // another segment may write the same document: field by field, so that both writes stand
        assertThat(writeKinds.subList(twoSegments, writeKinds.size())).as("the writes of a replay in two segments")
                .allSatisfy(kinds -> assertThat(kinds).doesNotContain("ReplaceOneModel"));
    }

    @Test
    void a_window_is_written_when_it_holds_its_most_documents_or_has_been_open_its_longest() {
        windows = new ReplayWindows(Set.of(GROUP), 2, Duration.ofMinutes(1), Clock.systemUTC());
        handledOnce(1);
        int firstPass = bulkWrites.get();
        replay();
        awaitReplayed();
        assertThat(bulkWrites.get() - firstPass).as("three lists held: every batch closes its window")
                .isGreaterThanOrEqualTo(6);

        assertThat(new ReplayWindows(Set.of(GROUP), 1500, Duration.ZERO, Clock.systemUTC())
                .closesAfter(new ReplayWindows.Window(Clock.systemUTC().instant()), replayedEvent()))
                .as("a window as old as it may be").isTrue();
        assertThat(new ReplayWindows(Set.of(GROUP), 1500, Duration.ofMinutes(1), Clock.systemUTC())
                .closesAfter(new ReplayWindows.Window(Clock.systemUTC().instant()), replayedEvent()))
                .as("a young window below its documents, before the reset position").isFalse();
    }

    @Test
    void a_catch_up_far_behind_the_head_writes_once_per_window_until_it_is_near_and_ends_as_batch_by_batch_handling_did() {
        Map<String, BsonDocument> handledBatchByBatch = handledOnce(1);
        forgetEverything();

        windows = catchUpWindowsFrom(200, Clock.systemUTC());
        start(1);
        awaitStored();

        assertThat(documents()).isEqualTo(handledBatchByBatch);
        List<Long> at = writtenAfter.subList(firstPassWrites, writtenAfter.size());
        List<Set<String>> kinds = writeKinds.subList(firstPassWrites, writeKinds.size());
        // nothing written while 200 or more events behind the head (599): the window kept it, then wrote it whole
        assertThat(at.get(0)).as("the event being handled at the catch-up's first write").isGreaterThanOrEqualTo(400);
        assertThat(kinds.get(0)).as("the window's writes").containsOnly("ReplaceOneModel");
        // near the head the batches write on their own again, field by field
        assertThat(at.get(at.size() - 1)).isEqualTo(EVENTS - 1);
        assertThat(kinds.get(kinds.size() - 1)).as("the last batch's writes").containsOnly("UpdateOneModel");
    }

    @Test
    void while_a_catch_up_window_is_open_nothing_is_written_and_a_stop_loses_only_its_work()
            throws InterruptedException {
        Map<String, BsonDocument> complete = handledOnce(1);
        forgetEverything();

        windows = catchUpWindowsFrom(200, Clock.systemUTC());
        holdsCatchUp = true;
        holdBefore = 250;
        start(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> held.getCount() == 0);
        assertThat(stored.countDocuments()).as("documents while the window is open").isZero();
        assertThat(storedPosition()).as("the stored token while the window is open").isLessThan(0);
        // a dead-letter retry now would write beside the window, which would then write its copies over it
        assertThatThrownBy(() -> windows.withoutWindow(GROUP, Duration.ZERO, () -> 0))
                .isInstanceOf(WindowOpenException.class);

        stopWhileHeld();
        processor.start();
        awaitStored();
        assertThat(documents()).isEqualTo(complete);
    }

    @Test
    void batches_less_behind_than_the_distance_write_on_their_own_and_the_head_is_asked_once_per_second_at_most() {
        windows = catchUpWindowsFrom(EVENTS + 1, Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC));
        handledOnce(1);

        assertThat(writeKinds).as("the writes of a pass nearer the head than the distance")
                .hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(kinds -> assertThat(kinds).containsOnly("UpdateOneModel"));
        assertThat(headAsked.get()).as("heads read under a clock that stands still").isEqualTo(1);
    }

    @Test
    void no_window_opens_while_dead_letters_are_retried_and_with_a_distance_of_zero_the_head_is_never_asked() {
        windows = catchUpWindowsFrom(200, Clock.systemUTC());
        windows.withoutWindow(GROUP, Duration.ZERO, () -> handledOnce(1));
        assertThat(writeKinds).as("the writes of a catch-up during a retry").hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(kinds -> assertThat(kinds).containsOnly("UpdateOneModel"));

        headAsked.set(0);
        forgetEverything();
        windows = catchUpWindowsFrom(0, Clock.systemUTC());
        start(1);
        awaitStored();
        assertThat(writeKinds.subList(firstPassWrites, writeKinds.size())).as("the writes with windows in replays only")
                .hasSizeGreaterThanOrEqualTo(6).allSatisfy(kinds -> assertThat(kinds).containsOnly("UpdateOneModel"));
        assertThat(headAsked.get()).isZero();
        assertThatThrownBy(() -> catchUpWindowsFrom(-1, Clock.systemUTC()))
                .hasMessageContaining("lbf.rebuild.window-behind");
    }

    /**
     * Stops the processor while its batch is held, then lets the batch end: the open window is lost, and neither its
     * documents nor a token are stored.
     */
    private void stopWhileHeld() throws InterruptedException {
        var stopping = processor.shutdownAsync();
        // time for the coordinator to tell the held work package to stop after its batch
        Thread.sleep(500);
        release.countDown();
        stopping.join();
        assertThat(stored.countDocuments()).as("documents after the stop").isZero();
        assertThat(storedPosition()).as("the stored token after the stop").isLessThan(0);
    }

    /** Windows in replays and in catch-ups {@code distance} events or more behind the head of {@link #events}. */
    private ReplayWindows catchUpWindowsFrom(long distance, Clock clock) {
        return new ReplayWindows(Set.of(GROUP), 1500, Duration.ofMinutes(1), clock, distance, () -> {
            headAsked.incrementAndGet();
            return EventPositions.of(events.createHeadToken());
        });
    }

    /** Stops the processor and removes its documents and tokens: the next start handles every event anew. */
    private void forgetEverything() {
        processor.shutDown();
        stored.deleteMany(new BsonDocument());
        harness.database().getCollection("trackingtokens").deleteMany(new BsonDocument());
        firstPassWrites = bulkWrites.get();
    }

    /** An event of a replay reset at position 100, itself at position 10. */
    private static EventMessage<?> replayedEvent() {
        return new org.axonframework.eventhandling.GenericTrackedEventMessage<>(
                org.axonframework.eventhandling.ReplayToken.createReplayToken(
                        new org.axonframework.eventhandling.GlobalSequenceTrackingToken(100),
                        new org.axonframework.eventhandling.GlobalSequenceTrackingToken(10)),
                org.axonframework.eventhandling.GenericEventMessage.asEventMessage("x"));
    }

    /** Publishes the events and handles them once, as they come; the documents that leaves. */
    private Map<String, BsonDocument> handledOnce(int segments) {
        publishEvents();
        start(segments);
        awaitStored();
        return documents();
    }

    private void awaitStored() {
        await().atMost(Duration.ofSeconds(30)).until(() -> storedPosition() >= EVENTS - 1);
    }

    private void awaitReplayed() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !processor.isReplaying() && storedPosition() >= EVENTS - 1);
    }

    private void publishEvents() {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String list = "list-" + (i % 3);
            Object payload = i % 10 == 9 ? new ItemRemoved(list, "item-" + (i - 3))
                    : new ItemAdded(list, "item-" + i, i % 4 == 0 ? "book" : "cup");
            messages.add(new GenericDomainEventMessage<>("List", list, i / 3, payload));
        }
        events.publish(messages);
    }

    private void replay() {
        processor.shutDown();
        stored.deleteMany(new BsonDocument());
        processor.resetTokens();
        processor.start();
    }

    private Map<String, BsonDocument> documents() {
        Map<String, BsonDocument> documents = new TreeMap<>();
        for (BsonDocument document : stored.find()) {
            documents.put(document.getString("_id").getValue(), document);
        }
        return documents;
    }

    /** Where the stored token of segment 0 stands; -1 when none or before the first event. */
    private long storedPosition() {
        if (mongoTokens.fetchSegments(GROUP).length == 0) {
            return -1;
        }
        TrackingToken token = mongoTokens.fetchToken(GROUP, 0);
        return token == null ? -1 : EventPositions.of(token);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void start(int segments) {
        MongoCollection<BsonDocument> watched = mock(MongoCollection.class, AdditionalAnswers.delegatesTo(stored));
        when(watched.withDocumentClass(BsonDocument.class)).thenReturn(watched);
        doAnswer(invocation -> {
            finds.add(invocation.getArgument(0));
            return stored.find((Bson) invocation.getArgument(0));
        }).when(watched).find(any(Bson.class));
        doAnswer(invocation -> {
            bulkWrites.incrementAndGet();
            writtenAfter.add(handling.get());
            writeKinds.add(((List<?>) invocation.getArgument(0)).stream().map(write -> write.getClass().getSimpleName())
                    .collect(Collectors.toSet()));
            return stored.bulkWrite((List) invocation.getArgument(0), (BulkWriteOptions) invocation.getArgument(1));
        }).when(watched).bulkWrite(anyList(), any(BulkWriteOptions.class));
        tokens = windows.deferringTokens(mongoTokens);
        processor = PooledStreamingEventProcessor.builder()
                .name(GROUP)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(new ItemLists(watched, true)).build())
                .messageSource(events)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(Executors.newSingleThreadScheduledExecutor())
                .workerExecutor(Executors.newScheduledThreadPool(2))
                .initialSegmentCount(segments)
                // the first pass handles the events as they come, not as a replay (Axon's default for a new processor)
                .initialToken(source -> source.createTailToken())
                .batchSize(100)
                .build();
        processor.registerHandlerInterceptor(holdOrFail());
        processor.registerHandlerInterceptor(new BatchFlushInterceptor(GROUP, windows));
        processor.start();
    }

    /** Waits before the event {@link #holdBefore} until released; fails the event {@link #failOnce} once. */
    private MessageHandlerInterceptor<EventMessage<?>> holdOrFail() {
        AtomicBoolean failed = new AtomicBoolean();
        return (unitOfWork, chain) -> {
            DomainEventMessage<?> event = (DomainEventMessage<?>) unitOfWork.getMessage();
            long sequence = event.getSequenceNumber() * 3 + Integer.parseInt(event.getAggregateIdentifier().substring(5));
            if (sequence == holdBefore && (processor.isReplaying() || holdsCatchUp)) {
                held.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            if (sequence == failOnce && processor.isReplaying() && failed.compareAndSet(false, true)) {
                failOnce = -1;
                throw new IllegalStateException("planted: the handling of event " + sequence + " fails");
            }
            handling.set(sequence);
            return chain.proceed();
        };
    }
}
