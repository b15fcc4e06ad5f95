package de.lokalebuendnisse.kernel.eligibility.asof;

import de.lokalebuendnisse.kernel.audit.ActingIdentity;
import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import de.lokalebuendnisse.kernel.fold.RecordedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams kept in lists, as an event store would keep them, each cut at an instant the way the audit service's
 * reader cuts them: the prefix up to the first event recorded after the instant.
 */
public final class RecordedStreams implements AsOfFixtures.Recorder {

    private final Map<String, List<RecordedEvent>> streams = new HashMap<>();

    @Override
    public RecordedStreams append(String instant, String aggregateId, Object payload, Map<String, String> metaData) {
        List<RecordedEvent> stream = streams.computeIfAbsent(aggregateId, id -> new ArrayList<>());
        stream.add(new RecordedEvent(payload, stream.size(), Instant.parse(instant), ActingIdentity.of(metaData)));
        return this;
    }

    /** The stream from sequence 0 up to the first event recorded after {@code at}. */
    public List<RecordedEvent> upTo(String aggregateId, Instant at) {
        List<RecordedEvent> cut = new ArrayList<>();
        for (RecordedEvent event : streams.getOrDefault(aggregateId, List.of())) {
            if (event.timestamp().isAfter(at)) {
                break;
            }
            cut.add(event);
        }
        return cut;
    }

    /** Which events {@link #upTo} takes into account, as an answer names them. */
    public EventsConsidered considered(String aggregateId, Instant at) {
        List<RecordedEvent> cut = upTo(aggregateId, at);
        RecordedEvent last = cut.isEmpty() ? null : cut.get(cut.size() - 1);
        return new EventsConsidered(aggregateId, last == null ? -1 : last.sequenceNumber(),
                last == null ? null : last.timestamp(),
                streams.getOrDefault(aggregateId, List.of()).size() - cut.size());
    }
}
