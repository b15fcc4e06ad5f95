package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.AuditChainScope;
import de.lokalebuendnisse.kernel.audit.AuditChainSealed;
import de.lokalebuendnisse.kernel.audit.SealAuditChain;
import de.lokalebuendnisse.kernel.common.Refusal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static de.lokalebuendnisse.command.testing.RefusalMatchers.refusal;

/** The ledger of the audit chain's anchors: each seal recorded once, never replaced, all on one chain. */
class AuditLedgerTest {

    private static final String HEAD_A = "a".repeat(64);
    private static final String HEAD_B = "b".repeat(64);
    private static final String HEAD_C = "c".repeat(64);

    private FixtureConfiguration<AuditLedger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AuditLedger.class);
    }

    @Test
    void theFirstSealCreatesTheLedgerAndIsRecordedAsItWasComputed() {
        SealAuditChain seal = seal(AuditChainScope.PERIOD, "2024/25", 120, "e-120", 118, HEAD_A);

        fixture.givenNoPriorActivity()
                .when(seal)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AuditChainSealed(AuditChainScope.PERIOD, "2024/25", AuditChain.FORM, 120,
                        "e-120", 118, HEAD_A));
    }

    @Test
    void sealsOfOtherPeriodsAreRecordedBesideTheFirst() {
        fixture.given(sealed(AuditChainScope.PERIOD, "2024/25", 120, "e-120", 118, HEAD_A))
                .when(seal(AuditChainScope.PERIOD, "2025/26", 300, "e-300", 290, HEAD_B))
                .expectEvents(sealed(AuditChainScope.PERIOD, "2025/26", 300, "e-300", 290, HEAD_B));
    }

    @Test
    void aRetryOfTheSameSealRecordsNothing() {
        fixture.given(sealed(AuditChainScope.PERIOD, "2024/25", 120, "e-120", 118, HEAD_A))
                .when(seal(AuditChainScope.PERIOD, "2024/25", 120, "e-120", 118, HEAD_A))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSealRecordedInFormV1ResentInFormV2WithTheSameHeadRecordsNothing() {
        fixture.given(new AuditChainSealed(AuditChainScope.PERIOD, "2023/24", "lbf-audit-chain-v1", 120, "e-120", 118,
                        HEAD_A))
                .when(new SealAuditChain(AuditChainScope.PERIOD, "2023/24", "lbf-audit-chain-v2", 120, "e-120", 118,
                        HEAD_A))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSealRecordedInFormV1ResentInFormV2WithAnotherHeadIsRefused() {
        fixture.given(new AuditChainSealed(AuditChainScope.PERIOD, "2023/24", "lbf-audit-chain-v1", 120, "e-120", 118,
                        HEAD_A))
                .when(new SealAuditChain(AuditChainScope.PERIOD, "2023/24", "lbf-audit-chain-v2", 120, "e-120", 118,
                        HEAD_B))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }

    @Test
    void theSameScopeWithAnotherHeadIsRefusedBecauseASealIsNeverReplaced() {
        fixture.given(sealed(AuditChainScope.YEAR, "2024", 500, "e-500", 480, HEAD_A))
                .when(seal(AuditChainScope.YEAR, "2024", 500, "e-500", 480, HEAD_B))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionDetails(refusal(Refusal.Kind.CONFLICT, "seal-not-replaced"));
    }

    @Test
    void theSameScopeCoveringMoreEventsIsRefusedToo() {
        // a backdated event appended after the year was sealed: the year's seal stays as it was
        fixture.given(sealed(AuditChainScope.YEAR, "2024", 500, "e-500", 480, HEAD_A))
                .when(seal(AuditChainScope.YEAR, "2024", 650, "e-650", 620, HEAD_B))
                .expectNoEvents()
                .expectExceptionDetails(refusal(Refusal.Kind.CONFLICT, "seal-not-replaced"));
    }

    @Test
    void aYearMayBeSealedAfterALaterPeriodAlthoughItsPositionLiesBefore() {
        fixture.given(sealed(AuditChainScope.PERIOD, "2024/25", 900, "e-900", 880, HEAD_A))
                .when(seal(AuditChainScope.YEAR, "2024", 500, "e-500", 480, HEAD_B))
                .expectSuccessfulHandlerExecution()
                .expectEvents(sealed(AuditChainScope.YEAR, "2024", 500, "e-500", 480, HEAD_B));
    }

    @Test
    void aPeriodAndAYearEndingAtTheSameEventAreBothRecordedWithTheSameHead() {
        fixture.given(sealed(AuditChainScope.PERIOD, "2024/25", 900, "e-900", 880, HEAD_A))
                .when(seal(AuditChainScope.YEAR, "2025", 900, "e-900", 880, HEAD_A))
                .expectEvents(sealed(AuditChainScope.YEAR, "2025", 900, "e-900", 880, HEAD_A));
    }

    @Test
    void aSealClaimingAnotherHeadForAnAlreadySealedPositionIsRefusedAsInconsistent() {
        fixture.given(sealed(AuditChainScope.PERIOD, "2024/25", 900, "e-900", 880, HEAD_A))
                .when(seal(AuditChainScope.YEAR, "2025", 900, "e-900", 880, HEAD_B))
                .expectNoEvents()
                .expectExceptionDetails(refusal(Refusal.Kind.CONFLICT, "chain-consistent"));
    }

    @Test
    void aSealCountingNoMoreEventsThanAnEarlierPositionIsRefusedAsInconsistent() {
        fixture.given(sealed(AuditChainScope.PERIOD, "2024/25", 900, "e-900", 880, HEAD_A))
                .when(seal(AuditChainScope.YEAR, "2025", 950, "e-950", 880, HEAD_B))
                .expectNoEvents()
                .expectExceptionDetails(refusal(Refusal.Kind.CONFLICT, "chain-consistent"));
    }

    @Test
    void aSealCountingAsManyEventsAsALaterPositionIsRefusedAsInconsistent() {
        fixture.given(sealed(AuditChainScope.PERIOD, "2024/25", 900, "e-900", 880, HEAD_A),
                        sealed(AuditChainScope.PERIOD, "2025/26", 1500, "e-1500", 1470, HEAD_C))
                .when(seal(AuditChainScope.YEAR, "2025", 1200, "e-1200", 1470, HEAD_B))
                .expectNoEvents()
                .expectExceptionDetails(refusal(Refusal.Kind.CONFLICT, "chain-consistent"));
    }

    @Test
    void aSealBetweenTwoRecordedOnesThatFitsTheChainIsRecorded() {
        fixture.given(sealed(AuditChainScope.PERIOD, "2024/25", 900, "e-900", 880, HEAD_A),
                        sealed(AuditChainScope.PERIOD, "2025/26", 1500, "e-1500", 1470, HEAD_C))
                .when(seal(AuditChainScope.YEAR, "2025", 1200, "e-1200", 1180, HEAD_B))
                .expectEvents(sealed(AuditChainScope.YEAR, "2025", 1200, "e-1200", 1180, HEAD_B));
    }

    private static SealAuditChain seal(AuditChainScope scope, String label, long lastPosition, String lastEventId,
                                       long chainedEvents, String head) {
        return new SealAuditChain(scope, label, AuditChain.FORM, lastPosition, lastEventId, chainedEvents, head);
    }

    private static AuditChainSealed sealed(AuditChainScope scope, String label, long lastPosition,
                                           String lastEventId, long chainedEvents, String head) {
        return seal(scope, label, lastPosition, lastEventId, chainedEvents, head).sealed();
    }
}
