package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/** A stored history as a test states it: events at chosen positions, with chosen gaps, timestamps and metadata. */
final class ListedHistory implements StoredHistory {

    static final Serializer SERIALIZER = JacksonSerializer.builder()
            .revisionResolver(new AnnotationRevisionResolver())
            .converter(new ChainingConverter(ListedHistory.class.getClassLoader()))
            .objectMapper(new AxonSerializationConfiguration().defaultAxonObjectMapper())
            .build();

    private final List<TrackedEventMessage<?>> events = new ArrayList<>();
    private Long head;
    int opened;
    int closed;

    /** Stores {@code payload} at {@code position}, with no gaps below it. */
    TrackedEventMessage<?> add(long position, Object payload, Instant timestamp) {
        return add(position, Set.of(), payload, timestamp);
    }

    TrackedEventMessage<?> add(long position, Set<Long> gaps, Object payload, Instant timestamp) {
        return add(position, gaps, payload, timestamp, Map.of("caller", "crm"));
    }

    /** Stores {@code payload} caused with a verified access token: {@code identity} as the command side writes it. */
    TrackedEventMessage<?> addWithIdentity(long position, Object payload, Instant timestamp,
                                           Map<String, String> identity) {
        return add(position, Set.of(), payload, timestamp, identity);
    }

    private TrackedEventMessage<?> add(long position, Set<Long> gaps, Object payload, Instant timestamp,
                                       Map<String, String> caller) {
        Map<String, Object> metaData = new HashMap<>(caller);
        metaData.put("correlationId", "c-" + position);
        metaData.put("traceId", "not chained");
        TrackedEventMessage<?> event = new GenericTrackedDomainEventMessage<>(
                new GapAwareTrackingToken(position, gaps),
                new GenericDomainEventMessage<>("Test", "test:" + position, 0, payload, metaData,
                        UUID.randomUUID().toString(), timestamp));
        events.add(event);
        return event;
    }

    /**
     * Stores {@code payload} at {@code position} below the newest event, where the store reads it: an event that
     * had not committed yet when a read first looked (a read that passed it is {@link #add}ed after it).
     */
    TrackedEventMessage<?> commitLate(long position, Object payload, Instant timestamp) {
        TrackedEventMessage<?> event = add(position, payload, timestamp);
        events.remove(events.size() - 1);
        int at = events.size();
        while (at > 0 && events.get(at - 1).trackingToken().position().orElseThrow() > position) {
            at--;
        }
        events.add(at, event);
        return event;
    }

    /** Claims a head beyond the listed events, as a store whose read ends early would. */
    void claimHead(long position) {
        head = position;
    }

    /** The chain over {@code chained} as the documented form defines it, built here without the production code. */
    static String expectedHead(TrackedEventMessage<?>... chained) {
        String link = AuditChain.GENESIS;
        for (TrackedEventMessage<?> event : chained) {
            SerializedObject<String> payload = SERIALIZER.serialize(event.getPayload(), String.class);
            Map<String, String> metaData = new HashMap<>();
            for (String key : List.of("caller", "callerSubject", "callerClient", "callerRole", "correlationId")) {
                if (event.getMetaData().get(key) != null) {
                    metaData.put(key, (String) event.getMetaData().get(key));
                }
            }
            link = AuditChain.link(link, new ChainedEvent(event.getIdentifier(),
                    ((GenericTrackedDomainEventMessage<?>) event).getAggregateIdentifier(), 0,
                    event.getPayload().getClass().getName(), "1", payload.getData(), metaData,
                    event.getTimestamp()));
        }
        return link;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> fromFirst() {
        opened++;
        return events.stream().onClose(() -> closed++);
    }

    /** Positions whose events are still being committed, as the store would report them. */
    final java.util.SortedSet<Long> inFlight = new java.util.TreeSet<>();

    @Override
    public long positionOf(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }

    @Override
    public java.util.Optional<String> awaitSettled(long position) {
        java.util.SortedSet<Long> open = inFlight.headSet(position + 1);
        return open.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("the lowest " + open.first() + " below " + position + " is still committing");
    }

    @Override
    public long headPosition() {
        if (head != null) {
            return head;
        }
        return events.isEmpty() ? -1 : events.get(events.size() - 1).trackingToken().position().orElseThrow();
    }

    @Override
    public Serializer eventSerializer() {
        return SERIALIZER;
    }
}
