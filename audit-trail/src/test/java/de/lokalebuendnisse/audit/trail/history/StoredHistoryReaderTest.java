package de.lokalebuendnisse.audit.trail.history;

import de.lokalebuendnisse.audit.trail.chain.ChainedEvents;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The one reader of the whole stored history, over both of its sources. */
class StoredHistoryReaderTest {

    private static final StoredHistoryReader.Settling SETTLED = (position, patience) -> Optional.empty();

    @Test
    void aReadStopsAtTheHeadAndLeavesOutAnEventStoredLateIntoAPositionAlreadyPassed() {
        StoredHistoryReader reader = StoredHistoryReader.ofStorageEngine(table(event(2, "a"), event(4, "b"),
                event(3, "late"), event(5, "c"), event(6, "beyond-the-head")), StoredHistoryReaderTest::position,
                SETTLED);

        assertThat(reader.headPosition()).isEqualTo(5);
        assertThat(positions(reader.upTo(5))).containsExactly(2L, 4L, 3L, 5L);
        assertThat(positions(reader.inPositionOrder(5, StoredHistoryReader.LateEvents.LEAVE_OUT)))
                .containsExactly(2L, 4L, 5L);
    }

    @Test
    void aReadThatMustNotSkipRefusesAnEventStoredLate() {
        StoredHistoryReader reader = StoredHistoryReader.ofStorageEngine(table(event(2, "a"), event(4, "b"),
                event(3, "late")), StoredHistoryReaderTest::position, SETTLED);

        try (Stream<TrackedEventMessage<?>> events = reader.inPositionOrder(4,
                StoredHistoryReader.LateEvents.REFUSE)) {
            assertThatThrownBy(events::toList).isInstanceOf(HistoryNotSettledException.class)
                    .hasMessageContaining("position 3").hasMessageContaining("at position 4");
        }
    }

    @Test
    void theEventStoresEndlessStreamIsReadUpToTheHeadAndClosed() {
        ListedStream stream = new ListedStream(event(1, "a"), event(2, "b"), event(3, "after-the-head"));
        EventStore store = mock(EventStore.class);
        when(store.openStream(any())).thenAnswer(invocation -> stream);
        StoredHistoryReader reader = StoredHistoryReader.ofEventStore(store, StoredHistoryReaderTest::position,
                SETTLED);

        try (Stream<TrackedEventMessage<?>> events = reader.upTo(2)) {
            assertThat(positions(events)).containsExactly(1L, 2L);
        }
        assertThat(stream.closed).isTrue();
        assertThat(stream.events).as("nothing read beyond the head").hasSize(1);
    }

    @Test
    void aStreamThatFallsSilentBeforeTheHeadIsABrokenReadNotAShorterHistory() {
        EventStore store = mock(EventStore.class);
        when(store.openStream(any())).thenAnswer(invocation -> new ListedStream(event(1, "a")));
        StoredHistoryReader reader = StoredHistoryReader.ofEventStore(store, StoredHistoryReaderTest::position,
                SETTLED);

        try (Stream<TrackedEventMessage<?>> events = reader.upTo(3)) {
            assertThatThrownBy(events::toList).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before reaching the head at position 3");
        }
    }

    @Test
    void anEmptyStoreHasHeadMinusOneAndNothingToRead() {
        EventStore store = mock(EventStore.class);
        StoredHistoryReader reader = StoredHistoryReader.ofEventStore(store, StoredHistoryReaderTest::position,
                SETTLED);

        assertThat(reader.headPosition()).isEqualTo(-1);
        assertThat(reader.upTo(-1)).isEmpty();
    }

    @Test
    void settlingIsTheStoresAnswer() {
        StoredHistoryReader reader = StoredHistoryReader.ofStorageEngine(table(), StoredHistoryReaderTest::position,
                (position, patience) -> Optional.of("position " + (position - 1) + " is still committing"));

        assertThat(reader.awaitSettled(7, java.time.Duration.ofMillis(1))).contains("position 6 is still committing");
    }

    @Test
    void anEventAsTheChainSeesItIsTheStoredPayloadWithTheChainedMetadataOnly() {
        Serializer serializer = JacksonSerializer.defaultSerializer();

        ChainedEvent chained = ChainedEvents.of(event(2, "a"), serializer);

        assertThat(chained.payload()).isEqualTo("{\"buendnisId\":\"a\"}");
        assertThat(chained.payloadType()).isEqualTo(BuendnisResumed.class.getName());
        assertThat(chained.payloadRevision()).isEqualTo("1");
        assertThat(chained.aggregateId()).isEqualTo("buendnis:a");
        assertThat(chained.metaData()).containsExactly(Map.entry("caller", "crm"));
    }

    @Test
    void theCallersVerifiedIdentityIsKeptForTheChain() {
        BuendnisId id = BuendnisId.of("a");
        GenericDomainEventMessage<BuendnisResumed> withToken = new GenericDomainEventMessage<>("Buendnis",
                id.toString(), 0, new BuendnisResumed(id), MetaData.with("caller", "Erika Muster")
                .and("callerSubject", "sub-1").and("callerClient", "portal").and("callerRole", "staff")
                .and("idempotencyKeyHash", "not chained"));

        ChainedEvent chained = ChainedEvents.of(withToken, JacksonSerializer.defaultSerializer());

        assertThat(chained.metaData()).containsOnly(Map.entry("caller", "Erika Muster"),
                Map.entry("callerSubject", "sub-1"), Map.entry("callerClient", "portal"),
                Map.entry("callerRole", "staff"));
    }

    private static EventStorageEngine table(TrackedEventMessage<?>... events) {
        EventStorageEngine engine = mock(EventStorageEngine.class);
        when(engine.readEvents(any(), org.mockito.ArgumentMatchers.eq(false)))
                .thenAnswer(invocation -> Stream.of(events));
        when(engine.createHeadToken()).thenReturn(new GlobalSequenceTrackingToken(5));
        return engine;
    }

    private static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }

    private static List<Long> positions(Stream<TrackedEventMessage<?>> events) {
        try (events) {
            return events.map(StoredHistoryReaderTest::position).toList();
        }
    }

    private static TrackedEventMessage<?> event(long position, String buendnis) {
        BuendnisId id = BuendnisId.of(buendnis);
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>("Buendnis", id.toString(), 0, new BuendnisResumed(id),
                        MetaData.with("caller", "crm").and("traceId", "not chained")));
    }

    /** The event store's stream as a list: it answers at once, and says nothing once the list is used up. */
    private static final class ListedStream implements BlockingStream<TrackedEventMessage<?>> {

        final Deque<TrackedEventMessage<?>> events;
        boolean closed;

        ListedStream(TrackedEventMessage<?>... events) {
            this.events = new ArrayDeque<>(List.of(events));
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(events.peekFirst());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return !events.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return events.removeFirst();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
