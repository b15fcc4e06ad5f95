package de.lokalebuendnisse.audit.service.chain;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.audit.service.history.EventHistory;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import javax.sql.DataSource;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Reading through the event store's stream, as with Axon Server (the embedded reading is covered by the API test). */
class StoredEventsTest {

    private final Serializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void anEventStoredLateIntoAPositionAlreadyPassedIsLeftOutSoPositionsOnlyRise() {
        EventHistory history = mock(EventHistory.class);
        when(history.headPosition()).thenReturn(5L);
        when(history.upTo(anyLong())).thenAnswer(invocation -> Stream.of(event(2, "a"), event(4, "b"),
                event(3, "late"), event(5, "c")));
        when(history.positionOf(org.mockito.ArgumentMatchers.any())).thenAnswer(invocation ->
                ((TrackedEventMessage<?>) invocation.getArgument(0)).trackingToken().position().orElseThrow());
        StoredEvents stored = new StoredEvents(new DefaultListableBeanFactory().getBeanProvider(DataSource.class),
                serializer, serializer, history, de.lokalebuendnisse.platform.positions.OwnPositions.ofAxonServer(),
                de.lokalebuendnisse.platform.positions.StoreGaps.ofAxonServer());

        List<StoredEvents.StoredEvent> read;
        try (Stream<StoredEvents.StoredEvent> events = stored.inOrder()) {
            read = events.toList();
        }

        assertThat(read).extracting(StoredEvents.StoredEvent::position).containsExactly(2L, 4L, 5L);
        assertThat(read.get(0).event().payload()).isEqualTo("{\"buendnisId\":\"a\"}");
        assertThat(read.get(0).event().payloadType()).isEqualTo(BuendnisResumed.class.getName());
        assertThat(read.get(0).event().payloadRevision()).isEqualTo("1");
        assertThat(read.get(0).event().metaData()).containsExactly(java.util.Map.entry("caller", "crm"));
        assertThat(stored.headPosition()).isEqualTo(5);
    }

    private static TrackedEventMessage<?> event(long position, String buendnis) {
        BuendnisId id = BuendnisId.of(buendnis);
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>("Buendnis", id.toString(), 0, new BuendnisResumed(id),
                        MetaData.with("caller", "crm").and("traceId", "not chained")));
    }
}
