package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.AuditChainScope;
import de.lokalebuendnisse.kernel.audit.SealAuditChain;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Refusal;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditChainSealsTest {

    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final Instant END_OF_2024 = Instant.parse("2024-12-31T23:00:00Z");

    private final ListedHistory history = new ListedHistory();
    private final AuditChainSeals seals = new AuditChainSeals(new AuditChainHeads(history));

    @Test
    void aYearEndsAtMidnightInBerlin() {
        assertThat(AuditChainSeals.endOf(2024)).isEqualTo(END_OF_2024);
        assertThat(AuditChainSeals.endOf(2025)).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
    }

    @Test
    void aPeriodIsSealedWithTheChainUpToItsClosingEvent() {
        TrackedEventMessage<?> paused = history.add(1, new BuendnisPaused(HAMM, null), Instant.parse("2024-05-01T10:00:00Z"));
        TrackedEventMessage<?> closing = history.add(2, new BuendnisResumed(HAMM), Instant.parse("2024-12-01T10:00:00Z"));
        history.add(3, new BuendnisPaused(HAMM, "später"), Instant.parse("2024-12-02T10:00:00Z"));

        assertThat(seals.ofPeriod(AwardPeriod.of("2024/25"), 2)).isEqualTo(new SealAuditChain(
                AuditChainScope.PERIOD, "2024/25", AuditChain.FORM, 2, closing.getIdentifier(), 2,
                ListedHistory.expectedHead(paused, closing)));
    }

    @Test
    void aSealRecordsFormV2AndCoversTheIdentityOfEventsCausedWithATokenBesideOlderOnes() {
        TrackedEventMessage<?> old = history.add(1, new BuendnisPaused(HAMM, null), Instant.parse("2024-05-01T10:00:00Z"));
        TrackedEventMessage<?> closing = history.addWithIdentity(2, new BuendnisResumed(HAMM),
                Instant.parse("2024-12-01T10:00:00Z"), Map.of("caller", "Anna Schmidt", "callerSubject", "5d1c-anna",
                        "callerClient", "servicebuero-portal", "callerRole", "staff"));

        SealAuditChain seal = seals.ofPeriod(AwardPeriod.of("2024/25"), 2);

        assertThat(seal.form()).isEqualTo("lbf-audit-chain-v2");
        // the expected head links the closing event with its identity lines: a seal that dropped them differs
        assertThat(seal.head()).isEqualTo(ListedHistory.expectedHead(old, closing));
    }

    @Test
    void anEndedYearIsSealedFromTheFirstInstantAfterIt() {
        TrackedEventMessage<?> last = history.add(1, new BuendnisPaused(HAMM, null), END_OF_2024.minusMillis(1));
        history.add(2, new BuendnisResumed(HAMM), END_OF_2024);

        assertThat(seals.ofYear(2024, END_OF_2024)).isEqualTo(new SealAuditChain(AuditChainScope.YEAR, "2024",
                AuditChain.FORM, 1, last.getIdentifier(), 1, ListedHistory.expectedHead(last)));
    }

    @Test
    void aYearThatHasNotEndedIsRefusedBecauseLaterEventsOfItWouldNotBeCovered() {
        history.add(1, new BuendnisPaused(HAMM, null), END_OF_2024.minusSeconds(3600));

        assertRefused(() -> seals.ofYear(2024, END_OF_2024.minusMillis(1)), Refusal.Kind.RULE_VIOLATED, "year-ended");
        assertThat(history.opened).as("refused before reading anything").isZero();
    }

    @Test
    void aYearWithNoEventInItOrBeforeIsRefusedAsNothingToSeal() {
        history.add(1, new BuendnisPaused(HAMM, null), END_OF_2024.plusSeconds(60));

        assertRefused(() -> seals.ofYear(2024, END_OF_2024.plusSeconds(3600)), Refusal.Kind.RULE_VIOLATED,
                "events-recorded");
    }

    @Test
    void aYearWhoseLastEventsMayStillBeCommittingIsRefusedForNowAsAConflict() {
        history.add(1, new BuendnisPaused(HAMM, null), END_OF_2024.minusSeconds(10));
        history.add(3, Set.of(2L), new BuendnisResumed(HAMM), END_OF_2024.minusSeconds(5));
        history.inFlight.add(2L);

        assertRefused(() -> seals.ofYear(2024, END_OF_2024.plusSeconds(20)), Refusal.Kind.CONFLICT,
                "history-settled");
    }

    private static void assertRefused(Runnable action, Refusal.Kind kind, String rule) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(CommandRefusedException.class, e -> {
            assertThat(e.refusal().kind()).isEqualTo(kind);
            assertThat(e.refusal().reasons()).extracting(Refusal.Reason::rule).containsExactly(rule);
            assertThat(e.refusal().reasons()).extracting(Refusal.Reason::field).containsExactly("year");
        });
    }
}
