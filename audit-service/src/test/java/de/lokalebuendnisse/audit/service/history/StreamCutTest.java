package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamCutTest {

    private static DomainEventMessage<?> event(long sequence, String timestamp) {
        return new GenericDomainEventMessage<>("SealAward", "seal-award:2024/25", sequence, "event " + sequence,
                MetaData.emptyInstance(), "id-" + sequence, Instant.parse(timestamp));
    }

    private static final List<DomainEventMessage<?>> STREAM = List.of(
            event(0, "2024-05-11T08:00:00Z"),
            event(1, "2024-06-03T08:00:00Z"),
            event(2, "2024-07-01T10:00:00Z"));

    @Test
    void keepsTheEventsRecordedUpToAndAtTheInstant() {
        StreamCut cut = StreamCut.of("seal-award:2024/25", STREAM.iterator(), Instant.parse("2024-06-03T08:00:00Z"));

        assertThat(cut.events()).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(cut.considered()).isEqualTo(new EventsConsidered("seal-award:2024/25", 1,
                Instant.parse("2024-06-03T08:00:00Z"), 1));
    }

    @Test
    void withoutAnInstantKeepsTheWholeStream() {
        StreamCut cut = StreamCut.of("seal-award:2024/25", STREAM.iterator(), null);

        assertThat(cut.events()).hasSize(3);
        assertThat(cut.considered().laterEvents()).isZero();
    }

    @Test
    void beforeTheFirstEventIsEmpty() {
        StreamCut cut = StreamCut.of("seal-award:2024/25", STREAM.iterator(), Instant.parse("2024-01-01T00:00:00Z"));

        assertThat(cut.isEmpty()).isTrue();
        assertThat(cut.considered()).isEqualTo(new EventsConsidered("seal-award:2024/25", -1, null, 3));
    }

    @Test
    void isAPrefixSoAnEventAfterALaterOneIsLeftOutEvenIfItsClockSaysEarlier() {
        List<DomainEventMessage<?>> clockSteppedBack = List.of(
                event(0, "2024-05-11T08:00:00Z"),
                event(1, "2024-06-03T08:00:00Z"),
                event(2, "2024-06-03T07:59:00Z"));

        StreamCut cut = StreamCut.of("seal-award:2024/25", clockSteppedBack.iterator(),
                Instant.parse("2024-06-03T07:59:30Z"));

        assertThat(cut.events()).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L);
        assertThat(cut.considered().laterEvents()).isEqualTo(2);
    }
}
