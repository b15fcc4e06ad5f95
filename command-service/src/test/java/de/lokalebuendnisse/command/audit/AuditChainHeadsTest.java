package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.audit.trail.chain.ChainedEvents;
import de.lokalebuendnisse.audit.trail.chain.ChainHead;
import de.lokalebuendnisse.audit.trail.history.HistoryNotSettledException;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.AuditChainScope;
import de.lokalebuendnisse.kernel.audit.AuditChainSealed;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditChainHeadsTest {

    private static final Instant MAY_2024 = Instant.parse("2024-05-02T08:00:00.123456Z");
    private static final BuendnisId HAMM = BuendnisId.of("hamm");

    private final ListedHistory history = new ListedHistory();
    private final AuditChainHeads heads = new AuditChainHeads(history);

    @Test
    void aStoredEventIsChainedInItsStoredFormWithOnlyTheDocumentedMetadata() {
        TrackedEventMessage<?> paused = history.add(1, new BuendnisPaused(HAMM, "Koordination unbesetzt"), MAY_2024);

        ChainedEvent chained = ChainedEvents.of(paused, ListedHistory.SERIALIZER);

        assertThat(chained.eventId()).isEqualTo(paused.getIdentifier());
        assertThat(chained.aggregateId()).isEqualTo("test:1");
        assertThat(chained.payloadType()).isEqualTo(BuendnisPaused.class.getName());
        assertThat(chained.payloadRevision()).isEqualTo("1");
        assertThat(chained.payload()).isEqualTo("{\"buendnisId\":\"hamm\",\"reason\":\"Koordination unbesetzt\"}");
        assertThat(chained.metaData()).isEqualTo(Map.of("caller", "crm", "correlationId", "c-1"));
        assertThat(chained.timestamp()).isEqualTo(MAY_2024);
    }

    @Test
    void theChainCoversEveryEventUpToAndIncludingThePositionInStoreOrder() {
        TrackedEventMessage<?> first = history.add(1, new BuendnisPaused(HAMM, null), MAY_2024);
        TrackedEventMessage<?> second = history.add(2, new BuendnisResumed(HAMM), MAY_2024.plusSeconds(60));
        TrackedEventMessage<?> third = history.add(4, new BuendnisPaused(HAMM, "wieder"), MAY_2024.plusSeconds(120));
        history.add(5, new BuendnisResumed(HAMM), MAY_2024.plusSeconds(180));

        ChainHead head = heads.upToPosition(4).orElseThrow();

        assertThat(head).isEqualTo(new ChainHead(4, third.getIdentifier(), 3,
                ListedHistory.expectedHead(first, second, third)));
        assertThat(head.head()).isNotEqualTo(ListedHistory.expectedHead(second, first, third));
        assertThat(history.closed).isEqualTo(history.opened).isEqualTo(1);
    }

    @Test
    void anchorsAreNeitherChainedNorCounted() {
        TrackedEventMessage<?> first = history.add(1, new BuendnisPaused(HAMM, null), MAY_2024);
        history.add(2, new AuditChainSealed(AuditChainScope.YEAR, "2023", AuditChain.FORM, 1, "e", 1,
                "a".repeat(64)), MAY_2024.plusSeconds(1));
        TrackedEventMessage<?> third = history.add(3, new BuendnisResumed(HAMM), MAY_2024.plusSeconds(2));

        assertThat(heads.upToPosition(3)).contains(new ChainHead(3, third.getIdentifier(), 2,
                ListedHistory.expectedHead(first, third)));
        assertThat(heads.upToPosition(2)).as("ending at an anchor, the chain ends at the event before it")
                .contains(new ChainHead(1, first.getIdentifier(), 1, ListedHistory.expectedHead(first)));
    }

    @Test
    void aYearsChainEndsAtItsLastEventByTheBerlinClock() {
        // 23:30 on New Year's Eve in Berlin is 22:30 UTC; 00:30 on New Year's Day there is still 2024 in UTC
        TrackedEventMessage<?> lastOf2024 = history.add(1, new BuendnisPaused(HAMM, null),
                Instant.parse("2024-12-31T22:30:00Z"));
        history.add(2, new BuendnisResumed(HAMM), Instant.parse("2024-12-31T23:30:00Z"));

        assertThat(heads.upToLastEventBefore(AuditChainSeals.endOf(2024)))
                .contains(new ChainHead(1, lastOf2024.getIdentifier(), 1, ListedHistory.expectedHead(lastOf2024)));
    }

    @Test
    void aBackdatedEventStoredLaterExtendsTheYearsChainOverEverythingStoredBeforeIt() {
        TrackedEventMessage<?> of2024 = history.add(1, new BuendnisPaused(HAMM, null), MAY_2024);
        TrackedEventMessage<?> of2025 = history.add(2, new BuendnisResumed(HAMM), Instant.parse("2025-02-01T10:00:00Z"));
        TrackedEventMessage<?> backdated = history.add(3, new BuendnisPaused(HAMM, "nachgetragen"),
                Instant.parse("2024-06-01T10:00:00Z"));
        history.add(4, new BuendnisResumed(HAMM), Instant.parse("2025-03-01T10:00:00Z"));

        assertThat(heads.upToLastEventBefore(AuditChainSeals.endOf(2024))).contains(new ChainHead(3,
                backdated.getIdentifier(), 3, ListedHistory.expectedHead(of2024, of2025, backdated)));
    }

    @Test
    void noChainEndsBeforeTheFirstEvent() {
        history.add(1, new BuendnisPaused(HAMM, null), MAY_2024);

        assertThat(heads.upToLastEventBefore(AuditChainSeals.endOf(2023))).isEmpty();
    }

    @Test
    void anEventBelowTheLastChainedEventThatIsStillCommittingMakesTheHeadWait() {
        history.add(1, new BuendnisPaused(HAMM, null), MAY_2024);
        history.add(3, Set.of(2L), new BuendnisResumed(HAMM), MAY_2024.plusSeconds(1));
        history.inFlight.add(2L);

        assertThatThrownBy(() -> heads.upToPosition(3)).isInstanceOf(HistoryNotSettledException.class)
                .hasMessageContaining("below 3");
    }

    @Test
    void aPositionLeftEmptyByARefusedCommandDelaysNothing() {
        TrackedEventMessage<?> first = history.add(1, new BuendnisPaused(HAMM, null), MAY_2024);
        TrackedEventMessage<?> third = history.add(3, Set.of(2L), new BuendnisResumed(HAMM),
                MAY_2024.plusSeconds(1));

        assertThat(heads.upToPosition(3)).contains(new ChainHead(3, third.getIdentifier(), 2,
                ListedHistory.expectedHead(first, third)));
    }

    @Test
    void anEventThatCommittedAfterTheReadPassedItsPositionIsNotPartOfAHead() {
        history.add(1, new BuendnisPaused(HAMM, null), MAY_2024);
        history.add(3, Set.of(2L), new BuendnisResumed(HAMM), MAY_2024.plusSeconds(1));
        history.add(2, Set.of(), new BuendnisPaused(HAMM, null), MAY_2024.plusSeconds(2));
        history.add(4, Set.of(), new BuendnisPaused(HAMM, null), MAY_2024.plusSeconds(3));

        assertThatThrownBy(() -> heads.upToPosition(4)).isInstanceOf(HistoryNotSettledException.class)
                .hasMessageContaining("position 2");
        assertThat(history.closed).isEqualTo(1);
    }

    @Test
    void aGapAboveTheSealedPositionDoesNotConcernIt() {
        TrackedEventMessage<?> first = history.add(1, new BuendnisPaused(HAMM, null), MAY_2024);
        history.add(3, Set.of(2L), new BuendnisResumed(HAMM), MAY_2024.plusSeconds(1));

        assertThat(heads.upToPosition(1)).contains(new ChainHead(1, first.getIdentifier(), 1,
                ListedHistory.expectedHead(first)));
    }

    @Test
    void aReadThatEndsBeforeThePositionToSealIsAnErrorNotAShorterChain() {
        history.add(1, new BuendnisPaused(HAMM, null), MAY_2024);

        assertThatThrownBy(() -> heads.upToPosition(5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ended at position 1 before position 5");
    }

    @Test
    void aReadThatEndsBeforeTheHeadIsAnErrorForAYearToo() {
        history.add(1, new BuendnisPaused(HAMM, null), MAY_2024);
        history.claimHead(2000);

        assertThatThrownBy(() -> heads.upToLastEventBefore(AuditChainSeals.endOf(2024)))
                .isInstanceOf(IllegalStateException.class);
    }
}
