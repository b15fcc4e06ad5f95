package de.lokalebuendnisse.command.audit;

import de.lokalebuendnisse.audit.trail.history.HistoryNotSettledException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.AuditChainScope;
import de.lokalebuendnisse.kernel.audit.AuditChainSealed;
import de.lokalebuendnisse.kernel.audit.SealAuditChain;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.utils.RecordingCommandBus;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit chain's anchoring alone: the closing of a period in, one {@link SealAuditChain} command out, recorded by
 * Axon's {@link RecordingCommandBus} behind the gateway the process is given. The stored history is a
 * {@link ListedHistory}; the closing event is delivered through Axon's annotation adapter as a tracking processor
 * delivers it, with a token.
 */
class AuditChainAnchoringTest {

    private static final AwardPeriod PERIOD = AwardPeriod.of("2024/25");
    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final Instant NOVEMBER = Instant.parse("2024-11-22T10:00:00Z");

    private final ListedHistory history = new ListedHistory();
    private final RecordingCommandBus commandBus = new RecordingCommandBus();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AuditChainAnchoring.class);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    @Test
    void theClosingOfAPeriodSealsTheChainUpToAndIncludingTheClosingEvent() {
        TrackedEventMessage<?> paused = history.add(1, new BuendnisPaused(HAMM, null), NOVEMBER.minusSeconds(60));
        TrackedEventMessage<?> closing = history.add(2, closed(), NOVEMBER);
        history.add(3, new BuendnisResumed(HAMM), NOVEMBER.plusSeconds(60));

        deliver(anchoring(OwnPositions.ofAxonServer()), withOwnToken(closing));

        assertThat(sent()).containsExactly(new SealAuditChain(AuditChainScope.PERIOD, "2024/25", AuditChain.FORM,
                2, closing.getIdentifier(), 2, ListedHistory.expectedHead(paused, closing)));
        // the process acts for whoever caused the closing
        assertThat(commandBus.getDispatchedCommands().get(0).getMetaData()).isEqualTo(Map.of(
                "caller", "crm",
                "correlationId", "c-2",
                "causationId", closing.getIdentifier(),
                "process", "audit-chain-process"));
    }

    @Test
    void anchorsAlreadyInTheLedgerAreNotChained() {
        TrackedEventMessage<?> paused = history.add(1, new BuendnisPaused(HAMM, null), NOVEMBER.minusSeconds(60));
        history.add(2, new AuditChainSealed(AuditChainScope.YEAR, "2023", AuditChain.FORM, 1,
                paused.getIdentifier(), 1, ListedHistory.expectedHead(paused)), NOVEMBER.minusSeconds(30));
        TrackedEventMessage<?> closing = history.add(3, closed(), NOVEMBER);

        deliver(anchoring(OwnPositions.ofAxonServer()), withOwnToken(closing));

        assertThat(sent()).containsExactly(new SealAuditChain(AuditChainScope.PERIOD, "2024/25", AuditChain.FORM,
                3, closing.getIdentifier(), 2, ListedHistory.expectedHead(paused, closing)));
    }

    @Test
    void theSealStandsAtTheClosingEventsOwnPositionNotAtItsTokensWhichMayStandAtALaterCommit() throws SQLException {
        TrackedEventMessage<?> paused = history.add(1, new BuendnisPaused(HAMM, null), NOVEMBER.minusSeconds(60));
        TrackedEventMessage<?> closing = history.add(2, closed(), NOVEMBER);
        history.add(3, new BuendnisResumed(HAMM), NOVEMBER.minusSeconds(1));
        // the closing committed after the event at 3: the processor delivers it with a token standing at 3
        JdbcDataSource store = new JdbcDataSource();
        store.setURL("jdbc:h2:mem:anchoring-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = store.getConnection()) {
            connection.createStatement().execute(
                    "CREATE TABLE DomainEventEntry (globalIndex BIGINT PRIMARY KEY, eventIdentifier VARCHAR(255))");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry VALUES (?, ?)")) {
                insert.setLong(1, 2);
                insert.setString(2, closing.getIdentifier());
                insert.execute();
            }
        }
        TrackedEventMessage<?> delivered = new GenericTrackedDomainEventMessage<>(
                new GapAwareTrackingToken(3, Set.of()), (DomainEventMessage<?>) closing);

        deliver(anchoring(new OwnPositions(store, new EventSchema())), delivered);

        assertThat(sent()).containsExactly(new SealAuditChain(AuditChainScope.PERIOD, "2024/25", AuditChain.FORM,
                2, closing.getIdentifier(), 2, ListedHistory.expectedHead(paused, closing)));
    }

    @Test
    void itReactsToNothingButTheClosingOfAPeriod() {
        TrackedEventMessage<?> paused = history.add(1, new BuendnisPaused(HAMM, null), NOVEMBER);
        TrackedEventMessage<?> sealed = history.add(2, new AuditChainSealed(AuditChainScope.YEAR, "2023",
                AuditChain.FORM, 1, paused.getIdentifier(), 1, ListedHistory.expectedHead(paused)), NOVEMBER);
        AnnotationEventHandlerAdapter anchoring = anchoring(OwnPositions.ofAxonServer());

        deliver(anchoring, withOwnToken(paused));
        deliver(anchoring, withOwnToken(sealed));

        assertThat(sent()).isEmpty();
        assertThat(history.opened).as("the history is not even read").isZero();
    }

    @Test
    void aRedeliveredClosingSendsTheSameSealAgainAndTheLedgerRecordsNothingTwice() {
        TrackedEventMessage<?> paused = history.add(1, new BuendnisPaused(HAMM, null), NOVEMBER.minusSeconds(60));
        TrackedEventMessage<?> closing = history.add(2, closed(), NOVEMBER);
        AnnotationEventHandlerAdapter anchoring = anchoring(OwnPositions.ofAxonServer());
        deliver(anchoring, withOwnToken(closing));
        history.add(3, new BuendnisResumed(HAMM), NOVEMBER.plusSeconds(60)); // the history has grown meanwhile

        deliver(anchoring, withOwnToken(closing));

        List<CommandMessage<?>> commands = commandBus.getDispatchedCommands();
        assertThat(commands).hasSize(2);
        assertThat(commands.get(1).getPayload()).isEqualTo(commands.get(0).getPayload()).isEqualTo(
                new SealAuditChain(AuditChainScope.PERIOD, "2024/25", AuditChain.FORM, 2, closing.getIdentifier(),
                        2, ListedHistory.expectedHead(paused, closing)));
        assertThat(commands.get(1).getMetaData()).isEqualTo(commands.get(0).getMetaData());
        new AggregateTestFixture<>(AuditLedger.class)
                .givenCommands(commands.get(0).getPayload())
                .when(commands.get(1).getPayload())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aHistoryStillCommittingBelowTheClosingFailsTheDeliverySoTheProcessorRetriesAndTheRetrySealsItAll() {
        TrackedEventMessage<?> paused = history.add(1, new BuendnisPaused(HAMM, null), NOVEMBER.minusSeconds(60));
        TrackedEventMessage<?> closing = history.add(3, Set.of(2L), closed(), NOVEMBER);
        history.inFlight.add(2L);
        AnnotationEventHandlerAdapter anchoring = anchoring(OwnPositions.ofAxonServer());

        assertThatThrownBy(() -> deliver(anchoring, withOwnToken(closing)))
                .isInstanceOf(HistoryNotSettledException.class).hasMessageContaining("2");
        assertThat(sent()).as("no seal that could miss the event at 2").isEmpty();
        assertThat(log.list).as("not a refusal, nothing passed over").isEmpty();

        // the event at 2 commits; the processor retries the closing from its token
        TrackedEventMessage<?> late = history.commitLate(2, new BuendnisResumed(HAMM), NOVEMBER.minusSeconds(30));
        history.inFlight.clear();
        deliver(anchoring, withOwnToken(closing));

        assertThat(sent()).containsExactly(new SealAuditChain(AuditChainScope.PERIOD, "2024/25", AuditChain.FORM,
                3, closing.getIdentifier(), 3, ListedHistory.expectedHead(paused, late, closing)));
    }

    @Test
    void aPositionLeftEmptyByARefusedCommandDelaysNothing() {
        TrackedEventMessage<?> paused = history.add(1, new BuendnisPaused(HAMM, null), NOVEMBER.minusSeconds(60));
        TrackedEventMessage<?> closing = history.add(3, Set.of(2L), closed(), NOVEMBER);

        deliver(anchoring(OwnPositions.ofAxonServer()), withOwnToken(closing));

        assertThat(sent()).containsExactly(new SealAuditChain(AuditChainScope.PERIOD, "2024/25", AuditChain.FORM,
                3, closing.getIdentifier(), 2, ListedHistory.expectedHead(paused, closing)));
    }

    @Test
    void aSealThatDiffersFromTheRecordedOneIsLoggedAsAnErrorAndPassedOverSinceRecomputingGivesTheSame() {
        TrackedEventMessage<?> closing = history.add(1, closed(), NOVEMBER);
        commandBus.setCallbackBehavior((command, metaData) -> {
            throw CommandRefusedException.conflict("head", "seal-not-replaced", "sealed already with another head");
        });

        deliver(anchoring(OwnPositions.ofAxonServer()), withOwnToken(closing));

        assertThat(sent()).hasSize(1);
        assertThat(log.list).singleElement().satisfies(entry -> {
            assertThat(entry.getLevel()).isEqualTo(Level.ERROR);
            assertThat(entry.getFormattedMessage()).contains("differs from the recorded seal", "seal-not-replaced");
        });
    }

    @Test
    void anyOtherRefusalIsLoggedAsAWarningAndPassedOver() {
        TrackedEventMessage<?> closing = history.add(1, closed(), NOVEMBER);
        commandBus.setCallbackBehavior((command, metaData) -> {
            throw CommandRefusedException.ruleViolated("form", "known-form", "unknown form");
        });

        deliver(anchoring(OwnPositions.ofAxonServer()), withOwnToken(closing));

        assertThat(log.list).singleElement().satisfies(entry -> {
            assertThat(entry.getLevel()).isEqualTo(Level.WARN);
            assertThat(entry.getFormattedMessage()).contains("known-form");
        });
    }

    @Test
    void aFailureThatIsNoRefusalEscapesSoThePeriodIsNotLeftUnsealed() {
        TrackedEventMessage<?> closing = history.add(1, closed(), NOVEMBER);
        commandBus.setCallbackBehavior((command, metaData) -> {
            throw new IllegalStateException("event store unavailable");
        });
        AnnotationEventHandlerAdapter anchoring = anchoring(OwnPositions.ofAxonServer());

        assertThatThrownBy(() -> deliver(anchoring, withOwnToken(closing)))
                .hasMessageContaining("event store unavailable");
        assertThat(log.list).isEmpty();
    }

    @Test
    void aClosingThatDidNotComeFromTheStoreIsRefusedLoudly() {
        AnnotationEventHandlerAdapter anchoring = anchoring(OwnPositions.ofAxonServer());

        assertThatThrownBy(() -> deliver(anchoring, new GenericDomainEventMessage<>("SealAward", PERIOD.toString(),
                9, closed()))).isInstanceOf(IllegalStateException.class).hasMessageContaining("without a position");
        assertThat(sent()).isEmpty();
    }

    private AnnotationEventHandlerAdapter anchoring(OwnPositions positions) {
        return new AnnotationEventHandlerAdapter(new AuditChainAnchoring(
                new AuditChainSeals(new AuditChainHeads(history)),
                DefaultCommandGateway.builder().commandBus(commandBus).build(), positions));
    }

    /** As Axon Server delivers it: the token is the event's own position. */
    private static TrackedEventMessage<?> withOwnToken(TrackedEventMessage<?> stored) {
        return new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(stored.trackingToken().position().orElseThrow()),
                (DomainEventMessage<?>) stored);
    }

    private static void deliver(AnnotationEventHandlerAdapter anchoring, EventMessage<?> message) {
        try {
            anchoring.handle(message);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Object> sent() {
        return commandBus.getDispatchedCommands().stream().<Object>map(CommandMessage::getPayload).toList();
    }

    private static AwardPeriodClosed closed() {
        return new AwardPeriodClosed(PERIOD, 12, 1);
    }
}
