package de.lokalebuendnisse.audit.service.replay;

import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.audit.trail.chain.ChainHead;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay's chain, linked on a thread of its own: the same head as linking on the replay's thread, and its failures. */
class ReplayChainLinkerTest {

    private static ChainedEvent event(long position, String payloadType) {
        return new ChainedEvent("event-" + position, "buendnis:hamm-" + position, 0, payloadType, "1",
                "{\"buendnisId\":\"hamm-" + position + "\",\"reason\":\"Grund \\\"" + position + "\\\"\"}",
                Map.of("caller", "crm", "callerSubject", "subject-1", "correlationId", "c-" + position),
                Instant.parse("2024-05-02T08:00:00Z").plusMillis(position));
    }

    private static String typeAt(long position) {
        // now and then one of the chain's own anchors, which it passes by
        return position % 97 == 0 ? AuditChain.ANCHOR_TYPE : "de.lokalebuendnisse.kernel.buendnis.BuendnisPaused";
    }

    @Test
    void overSeveralBatchesItGivesTheHeadOfLinkingOneEventAfterTheOther() {
        long events = 3L * ReplayChainLinkerBatch.SIZE + 17;
        ChainHead expected = ChainHead.START;
        long anchors = 0;
        try (AuditReplay.ChainLinker linker = new AuditReplay.ChainLinker()) {
            for (long position = 0; position < events * 2; position += 2) {
                ChainedEvent event = event(position, typeAt(position));
                expected = expected.next(position, event);
                anchors += AuditChain.covers(event.payloadType()) ? 0 : 1;
                linker.add(position, event);
            }
            assertThat(linker.head()).isEqualTo(expected);
        }
        assertThat(anchors).isPositive();
        assertThat(expected.chainedEvents()).isEqualTo(events - anchors);
    }

    @Test
    void anEventNotBeyondTheLastPositionFailsWithTheChainsOwnMessage() {
        try (AuditReplay.ChainLinker linker = new AuditReplay.ChainLinker()) {
            linker.add(5, event(5, typeAt(5)));
            linker.add(5, event(6, typeAt(6)));
            assertThatThrownBy(linker::head).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("event event-6 at position 5 comes after position 5");
        }
    }

    @Test
    void aFailureInAnEarlierBatchStopsTheEventsHandedOverAfterIt() {
        try (AuditReplay.ChainLinker linker = new AuditReplay.ChainLinker()) {
            linker.add(10, event(10, typeAt(10)));
            linker.add(3, event(3, typeAt(3)));
            assertThatThrownBy(() -> {
                for (long position = 11; position < 11 + 10L * ReplayChainLinkerBatch.SIZE; position++) {
                    linker.add(position, event(position, typeAt(position)));
                }
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("at position 3 comes after position 10");
        }
    }

    /** The linker's batch, named here so the tests follow it. */
    private static final class ReplayChainLinkerBatch {
        static final int SIZE = AuditReplay.ChainLinker.BATCH;
    }
}
