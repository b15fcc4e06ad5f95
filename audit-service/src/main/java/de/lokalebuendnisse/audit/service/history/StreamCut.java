package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.audit.ActingIdentity;
import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import de.lokalebuendnisse.kernel.fold.RecordedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One aggregate's events as they stood at an instant: the stream from sequence 0 up to the first event recorded
 * after that instant. A prefix rather than a filter on timestamps, because an aggregate records its events one after
 * the other: should a clock ever have stepped back, a later event with an earlier timestamp did not exist before
 * the events ahead of it, and a filter would fold a state the aggregate never had.
 *
 * @param events     the events taken into account, in stream order
 * @param considered which of them, for the answer to name
 */
public record StreamCut(List<DomainEventMessage<?>> events, EventsConsidered considered) {

    public StreamCut {
        events = List.copyOf(events);
    }

    /**
     * Reads from sequence 0 on purpose: a snapshot would stand in for the events this cuts, with its own timestamp.
     *
     * @param at null for the whole stream
     */
    public static StreamCut read(EventStore eventStore, String aggregateId, Instant at) {
        return of(aggregateId, eventStore.readEvents(aggregateId, 0), at);
    }

    public static StreamCut of(String aggregateId, Iterator<? extends DomainEventMessage<?>> stream, Instant at) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        long later = 0;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (later > 0 || (at != null && event.getTimestamp().isAfter(at))) {
                later++;
            } else {
                events.add(event);
            }
        }
        DomainEventMessage<?> last = events.isEmpty() ? null : events.get(events.size() - 1);
        return new StreamCut(events, new EventsConsidered(aggregateId, last == null ? -1 : last.getSequenceNumber(),
                last == null ? null : last.getTimestamp(), later));
    }

    /** The events as plain data, for the kernel's folds, each with who caused it (null for events before tokens). */
    public List<RecordedEvent> recorded() {
        return events.stream().map(event -> new RecordedEvent(event.getPayload(), event.getSequenceNumber(),
                event.getTimestamp(), ActingIdentity.of(event.getMetaData()))).toList();
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
