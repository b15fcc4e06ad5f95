package de.lokalebuendnisse.audit.service.asof;

import de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures;
import de.lokalebuendnisse.kernel.eligibility.asof.AwardStateAsOf;
import de.lokalebuendnisse.kernel.eligibility.asof.FindAwardStateAsOfQuery;
import de.lokalebuendnisse.kernel.eligibility.explanation.FindExplanationsQuery;
import de.lokalebuendnisse.kernel.eligibility.explanation.PeriodExplanations;
import de.lokalebuendnisse.audit.service.explanation.PeriodExplanationsReader;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.P2024;
import static org.assertj.core.api.Assertions.assertThat;

/** The as-of and explanation queries and their answers cross Axon Server serialized by Axon's Jackson serializer. */
class AsOfMessagesSerializationTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new AxonSerializationConfiguration().defaultAxonObjectMapper())
            .build();
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    @Test
    void theQueriesReadBackEqual() {
        assertRoundTrip(new FindAwardStateAsOfQuery(Instant.parse("2024-11-21T12:00:00.123Z"), P2024));
        assertRoundTrip(new FindExplanationsQuery(P2024, Instant.parse("2024-11-21T12:00:00Z")));
        assertRoundTrip(new FindExplanationsQuery(P2024, null));
    }

    @Test
    void answersWithEveryKindOfStatusAndExplanationReadBackEqual() {
        AsOfFixtures.season(new EventStoreRecorder(eventStore));
        AwardStateAsOfReader asOf = new AwardStateAsOfReader(eventStore);

        for (String at : new String[] {"2024-11-21T12:00:00Z", "2025-07-04T00:00:00Z"}) {
            AwardStateAsOf state = asOf.read(new FindAwardStateAsOfQuery(Instant.parse(at), P2024)).orElseThrow();
            assertRoundTrip(state);
        }
        PeriodExplanations explanations = new PeriodExplanationsReader(eventStore)
                .read(new FindExplanationsQuery(P2024, null)).orElseThrow();
        assertThat(explanations.explanations()).hasSize(3);
        assertRoundTrip(explanations);
    }

    private void assertRoundTrip(Object message) {
        SerializedObject<String> serialized = serializer.serialize(message, String.class);
        Object read = serializer.deserialize(serialized);
        assertThat(read).as(serialized.getData()).isEqualTo(message);
    }
}
