package de.lokalebuendnisse.command.http;

import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: every successful command answer carries {@value #HEADER}, the event-store position of the
 * newest event when the command had committed (its own last event, or later). The query service, given that
 * position, answers only once its projection has reached it.
 */
@Component
public class EventPosition {

    public static final String HEADER = "X-Event-Position";

    private final EventStore eventStore;

    public EventPosition(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The position of the newest stored event; -1 while the store is empty. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    public void writeTo(HttpServletResponse response) {
        response.setHeader(HEADER, Long.toString(head()));
    }
}
