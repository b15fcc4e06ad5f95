package de.lokalebuendnisse.command.seal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.command.testing.FakeRecordedFacts;
import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RecordBuendnisStanding;
import de.lokalebuendnisse.kernel.seal.RecordPreviousSealStanding;
import de.lokalebuendnisse.kernel.seal.RecordSurveyOutcome;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.CriterionScore;
import de.lokalebuendnisse.kernel.survey.ParticipationBasis;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SurveyAmended;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.utils.RecordingCommandBus;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The award intake process alone: events in, commands out. Events are delivered through Axon's annotation adapter
 * as a tracking processor delivers them (a token, the aggregate's sequence number); the commands go to Axon's
 * {@link RecordingCommandBus} behind the gateway the process is given; the process's memory lives in an in-memory
 * MongoDB stand-in, the campaign streams it reads on opening in an in-memory event store.
 */
class AwardIntakeProcessTest {

    private static final AwardPeriod PREVIOUS = AwardPeriod.of("2023/24");
    private static final AwardPeriod PERIOD = AwardPeriod.of("2024/25");
    private static final AwardPeriod NEXT = AwardPeriod.of("2025/26");
    private static final CampaignYear Y2024 = CampaignYear.of(2024);
    private static final CampaignYear Y2025 = CampaignYear.of(2025);
    private static final BigDecimal THRESHOLD = new BigDecimal("3.00");
    private static final AwardCeremony DIALOG = new AwardCeremony(LocalDate.of(2024, 11, 22), "Berlin");

    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final BuendnisId BREMEN = BuendnisId.of("bremen");
    private static final BuendnisId KIEL = BuendnisId.of("kiel");

    private final AtomicLong positions = new AtomicLong();
    private MongoServer mongoServer;
    private MongoClient mongoClient;
    private MongoDatabase database;
    private EmbeddedEventStore eventStore;
    private RecordingCommandBus commandBus;
    private AnnotationEventHandlerAdapter process;

    @BeforeEach
    void setUp() {
        mongoServer = new MongoServer(new MemoryBackend());
        mongoClient = MongoClients.create(mongoServer.bindAndGetConnectionString());
        database = mongoClient.getDatabase("lbf-command");
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        commandBus = new RecordingCommandBus();
        process = new AnnotationEventHandlerAdapter(new AwardIntakeProcess(
                DefaultCommandGateway.builder().commandBus(commandBus).build(), eventStore, database));
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
        mongoClient.close();
        mongoServer.shutdownNow();
    }

    @Nested
    class Forwarding {

        @Test
        void aSurveyOutcomeGoesToEveryOpenPeriodRelyingOnThatSurveyWithTheCampaignSequence() {
            deliver(opened(PERIOD, Y2024));
            deliver(opened(NEXT, Y2025));
            commandBus.clearCommands();

            SurveySubmitted submitted = submitted(Y2024, HAMM, 4, 4, 3);
            EventMessage<?> cause = deliver(campaignEvent(Y2024, 7, submitted));

            assertThat(sentPayloads()).containsExactly(
                    new RecordSurveyOutcome(PERIOD, HAMM, outcome(submitted, 7)));
            assertThat(commandBus.getDispatchedCommands().get(0).getMetaData()).isEqualTo(Map.of(
                    "caller", "survey-tool",
                    "correlationId", "corr-" + cause.getIdentifier(),
                    "causationId", cause.getIdentifier(),
                    "process", "award-intake-process"));
        }

        @Test
        void anAmendmentIsForwardedAsTheNewerOutcome() {
            deliver(opened(PERIOD, Y2024));
            commandBus.clearCommands();

            SurveyAmended amended = amended(Y2024, HAMM, 2, 2, 2);
            deliver(campaignEvent(Y2024, 9, amended));

            assertThat(sentPayloads()).containsExactly(new RecordSurveyOutcome(PERIOD, HAMM, new SurveyOutcome(
                    Y2024, amended.activityLevel(), THRESHOLD, false, true, SubmissionChannel.ONLINE, 9)));
        }

        @Test
        void nothingIsSentWhileNoPeriodIsOpenOrAfterItClosed() {
            deliver(campaignEvent(Y2024, 1, submitted(Y2024, HAMM, 4, 4, 4)));
            deliver(buendnisEvent(HAMM, 3, new BuendnisPaused(HAMM, "Koordination unbesetzt")));
            assertThat(sentPayloads()).as("no period open yet: the opening picks these up").isEmpty();

            deliver(opened(PERIOD, Y2024));
            deliver(periodEvent(PERIOD, 20, new AwardPeriodClosed(PERIOD, 0, 0)));
            commandBus.clearCommands();

            deliver(campaignEvent(Y2024, 2, submitted(Y2024, BREMEN, 5, 5, 5)));
            deliver(buendnisEvent(HAMM, 4, new BuendnisResumed(HAMM)));
            assertThat(sentPayloads()).as("closed periods take no more facts").isEmpty();
        }

        @Test
        void theOpeningPicksUpOutcomesAlreadySubmittedAndAlliancesNotActive() {
            SurveySubmitted hamm = submitted(Y2024, HAMM, 4, 4, 3);
            SurveySubmitted bremen = submitted(Y2024, BREMEN, 2, 2, 2);
            SurveyAmended bremenAmended = amended(Y2024, BREMEN, 4, 4, 4);
            storeCampaign(Y2024, hamm, bremen, bremenAmended);
            storeCampaign(Y2025, submitted(Y2025, KIEL, 5, 5, 5));
            deliver(buendnisEvent(KIEL, 2, new BuendnisPaused(KIEL, null)));
            deliver(buendnisEvent(HAMM, 5, new BuendnisPaused(HAMM, null)));
            deliver(buendnisEvent(HAMM, 6, new BuendnisResumed(HAMM)));

            deliver(opened(PERIOD, Y2024));

            assertThat(sentPayloads()).containsExactly(
                    new RecordSurveyOutcome(PERIOD, HAMM, outcome(hamm, 0)),
                    new RecordSurveyOutcome(PERIOD, BREMEN, outcome(bremen, 1)),
                    new RecordSurveyOutcome(PERIOD, BREMEN, new SurveyOutcome(Y2024, bremenAmended.activityLevel(),
                            THRESHOLD, true, true, SubmissionChannel.ONLINE, 2)),
                    new RecordBuendnisStanding(PERIOD, KIEL, BuendnisStatus.PAUSED, 2));
        }

        @Test
        void pausesResumptionsAndDissolutionsGoToEveryOpenPeriodWithTheAlliancesSequence() {
            deliver(opened(PERIOD, Y2024));
            deliver(opened(NEXT, Y2025));
            commandBus.clearCommands();

            deliver(buendnisEvent(HAMM, 3, new BuendnisPaused(HAMM, "Koordination unbesetzt")));
            deliver(buendnisEvent(HAMM, 4, new BuendnisResumed(HAMM)));
            deliver(buendnisEvent(BREMEN, 8, new BuendnisDissolved(BREMEN, LocalDate.of(2024, 6, 30), "aufgelöst",
                    BuendnisStatus.ACTIVE)));

            assertThat(sentPayloads()).containsExactlyInAnyOrder(
                    new RecordBuendnisStanding(PERIOD, HAMM, BuendnisStatus.PAUSED, 3),
                    new RecordBuendnisStanding(NEXT, HAMM, BuendnisStatus.PAUSED, 3),
                    new RecordBuendnisStanding(PERIOD, HAMM, BuendnisStatus.ACTIVE, 4),
                    new RecordBuendnisStanding(NEXT, HAMM, BuendnisStatus.ACTIVE, 4),
                    new RecordBuendnisStanding(PERIOD, BREMEN, BuendnisStatus.DISSOLVED, 8),
                    new RecordBuendnisStanding(NEXT, BREMEN, BuendnisStatus.DISSOLVED, 8));
        }

        @Test
        void aSealGrantedOrRevokedLateReachesTheFollowingPeriodIfItIsOpen() {
            deliver(opened(PERIOD, Y2024));
            commandBus.clearCommands();

            deliver(periodEvent(PREVIOUS, 30, granted(PREVIOUS, HAMM)));
            deliver(periodEvent(PREVIOUS, 31, new SealRevoked(PREVIOUS, BREMEN, "aufgelöst", GrantBasis.SURVEY)));
            deliver(periodEvent(PERIOD, 5, granted(PERIOD, KIEL)));

            assertThat(sentPayloads()).as("2025/26 is not open: the grant of 2024/25 goes nowhere").containsExactly(
                    new RecordPreviousSealStanding(PERIOD, HAMM, true),
                    new RecordPreviousSealStanding(PERIOD, BREMEN, false));
        }
    }

    @Nested
    class Redelivery {

        /**
         * The process sends again what the events call for; its memory is ahead of a redelivered event (the period
         * is open already), so a pause delivered before the opening is now forwarded at once, a command the opening
         * had sent already. Nothing new is sent and nothing new is remembered.
         */
        @Test
        void theSameEventsDeliveredAgainSendOnlyCommandsSentBeforeAndTheProcessRemembersNothingNew() {
            season().forEach(AwardIntakeProcessTest.this::deliver);
            List<Object> first = sentPayloads();
            Map<String, List<Document>> memory = memory();
            commandBus.clearCommands();

            List<EventMessage<?>> again = season();
            again.forEach(AwardIntakeProcessTest.this::deliver);

            assertThat(sentPayloads()).isNotEmpty().containsOnlyElementsOf(first)
                    .as("every command of the first delivery is sent again").containsAll(first);
            assertThat(memory()).as("the process's memory").isEqualTo(memory);
            assertThat(commandBus.getDispatchedCommands()).allSatisfy(command -> assertThat(again)
                    .extracting(EventMessage::getIdentifier).contains((String) command.getMetaData().get("causationId")));
        }

        @Test
        void theCommandsOfARedeliveryRecordNothingInThePeriod() {
            List<EventMessage<?>> season = season();
            season.forEach(AwardIntakeProcessTest.this::deliver);
            List<Object> first = sentPayloads();
            commandBus.clearCommands();
            season.forEach(AwardIntakeProcessTest.this::deliver);
            List<Object> second = sentPayloads();
            assertThat(second).isNotEmpty();

            // the real aggregate: after the first delivery's commands, each command of the second records nothing
            for (Object again : second) {
                FixtureConfiguration<SealAward> period = new AggregateTestFixture<>(SealAward.class);
                period.registerInjectableResource(new FakeRecordedFacts());
                period.given(new AwardPeriodOpened(PERIOD, Y2024, "Ausgezeichnetes Bündnis 2024/25", DIALOG,
                                GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                                PREVIOUS, List.of(BREMEN)))
                        .andGivenCommands(first)
                        .when(again)
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents();
            }
        }

        @Test
        void aReplayFromTheFirstEventRebuildsTheMemoryAndSendsTheSameCommands() {
            List<EventMessage<?>> season = List.of(
                    buendnisEvent(KIEL, 2, new BuendnisPaused(KIEL, null)),
                    opened(PERIOD, Y2024),
                    campaignEvent(Y2024, 1, submitted(Y2024, HAMM, 4, 4, 3)),
                    periodEvent(PERIOD, 40, new AwardPeriodClosed(PERIOD, 0, 0)));
            season.forEach(AwardIntakeProcessTest.this::deliver);
            List<Object> first = sentPayloads();
            Map<String, List<Document>> memory = memory();
            commandBus.clearCommands();

            process.prepareReset();
            assertThat(memory().values()).as("a reset forgets everything").allMatch(List::isEmpty);
            season.forEach(AwardIntakeProcessTest.this::deliver);

            assertThat(sentPayloads()).isEqualTo(first);
            assertThat(memory()).isEqualTo(memory);
        }
    }

    @Nested
    class Refusals {

        private final ListAppender<ILoggingEvent> log = new ListAppender<>();
        private final Logger logger = (Logger) LoggerFactory.getLogger(AwardIntakeProcess.class);

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
        void aRefusalIsFinalLoggedForTheStaffAndPassedOverTheOtherCommandsStillGo() {
            storeCampaign(Y2024, submitted(Y2024, HAMM, 4, 4, 3), submitted(Y2024, BREMEN, 4, 4, 4));
            commandBus.setCallbackBehavior((command, metaData) -> {
                if (command instanceof RecordSurveyOutcome outcome && outcome.buendnisId().equals(HAMM)) {
                    throw CommandRefusedException.ruleViolated("outcome.year", "period-survey-year",
                            "period 2024/25 relies on another survey");
                }
                return null;
            });

            deliver(opened(PERIOD, Y2024));

            assertThat(sentPayloads()).extracting(c -> ((RecordSurveyOutcome) c).buendnisId())
                    .containsExactly(HAMM, BREMEN);
            assertThat(log.list).singleElement().satisfies(entry -> {
                assertThat(entry.getLevel()).isEqualTo(Level.WARN);
                assertThat(entry.getFormattedMessage()).contains("award-intake-process refused",
                        "RecordSurveyOutcome", "period-survey-year");
            });
        }

        @Test
        void aRefusalThroughAxonServerArrivesAsAGenericExecutionExceptionCarryingTheRefusalAndIsPassedOverToo() {
            deliver(opened(PERIOD, Y2024));
            commandBus.setCallbackBehavior((command, metaData) -> {
                CommandRefusedException refused = CommandRefusedException.notFound("period", "target-exists",
                        "no such period");
                throw new CommandExecutionException(refused.getMessage(), null, refused.refusal());
            });

            deliver(buendnisEvent(HAMM, 3, new BuendnisPaused(HAMM, null)));

            assertThat(log.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                    .asString().contains("target-exists");
        }

        @Test
        void anyOtherFailureEscapesTheHandlerSoTheProcessorRetriesTheEventFromItsToken() {
            deliver(opened(PERIOD, Y2024));
            commandBus.clearCommands();
            commandBus.setCallbackBehavior((command, metaData) -> {
                throw new IllegalStateException("event store unavailable");
            });
            EventMessage<?> submitted = campaignEvent(Y2024, 1, submitted(Y2024, HAMM, 4, 4, 3));

            assertThatThrownBy(() -> deliver(submitted)).hasMessageContaining("event store unavailable");
            assertThat(log.list).as("not logged as a refusal and passed over").isEmpty();

            commandBus.setCallbackBehavior((command, metaData) -> null);
            deliver(submitted); // the retry from the token delivers the same event again

            assertThat(sentPayloads()).as("sent once failing, once on the retry").hasSize(2)
                    .containsOnly(new RecordSurveyOutcome(PERIOD, HAMM,
                            outcome(submitted(Y2024, HAMM, 4, 4, 3), 1)));
        }

        @Test
        void anExecutionExceptionWithoutARefusalIsNoRefusalEither() {
            deliver(opened(PERIOD, Y2024));
            commandBus.setCallbackBehavior((command, metaData) -> {
                throw new CommandExecutionException("timed out", null);
            });

            assertThatThrownBy(() -> deliver(buendnisEvent(HAMM, 3, new BuendnisPaused(HAMM, null))))
                    .isInstanceOf(CommandExecutionException.class).hasMessage("timed out");
            assertThat(log.list).isEmpty();
        }
    }

    /** Events of one season, the same ones (identifiers, tokens) on every call, as a redelivery brings them. */
    private List<EventMessage<?>> season() {
        positions.set(0);
        if (!eventStore.readEvents(Y2024.toString()).hasNext()) {
            storeCampaign(Y2024, submitted(Y2024, BREMEN, 4, 4, 4));
        }
        return List.of(
                buendnisEvent(KIEL, 2, new BuendnisPaused(KIEL, null)),
                opened(PERIOD, Y2024),
                campaignEvent(Y2024, 1, submitted(Y2024, HAMM, 4, 4, 3)),
                buendnisEvent(HAMM, 3, new BuendnisPaused(HAMM, null)),
                periodEvent(PREVIOUS, 30, granted(PREVIOUS, HAMM)));
    }

    // ---- delivery, as a tracking processor does it

    private EventMessage<?> deliver(EventMessage<?> message) {
        try {
            process.handle(message);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return message;
    }

    private EventMessage<?> event(String type, String aggregateId, long sequence, Object payload, String caller) {
        String id = type + ":" + aggregateId + ":" + sequence;
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(positions.incrementAndGet()),
                new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                        MetaData.from(Map.of("caller", caller, "correlationId", "corr-" + id)), id,
                        java.time.Instant.parse("2024-06-01T10:00:00Z")));
    }

    private EventMessage<?> campaignEvent(CampaignYear year, long sequence, Object payload) {
        return event("SurveyCampaign", year.toString(), sequence, payload, "survey-tool");
    }

    private EventMessage<?> buendnisEvent(BuendnisId id, long sequence, Object payload) {
        return event("Buendnis", "buendnis:" + id.value(), sequence, payload, "crm");
    }

    private EventMessage<?> periodEvent(AwardPeriod period, long sequence, Object payload) {
        return event("SealAward", period.toString(), sequence, payload, "servicebuero");
    }

    private EventMessage<?> opened(AwardPeriod period, CampaignYear surveyYear) {
        return periodEvent(period, 0, new AwardPeriodOpened(period, surveyYear, "Ausgezeichnetes Bündnis "
                + period.label(), DIALOG, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, null, List.of()));
    }

    private void storeCampaign(CampaignYear year, Object... payloads) {
        for (int sequence = 0; sequence < payloads.length; sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>("SurveyCampaign", year.toString(), sequence,
                    payloads[sequence]));
        }
    }

    private List<Object> sentPayloads() {
        return payloads(commandBus.getDispatchedCommands());
    }

    private static List<Object> payloads(List<CommandMessage<?>> commands) {
        return commands.stream().<Object>map(CommandMessage::getPayload).toList();
    }

    private static List<MetaData> metaData(List<CommandMessage<?>> commands) {
        return commands.stream().map(CommandMessage::getMetaData).toList();
    }

    /** Everything the process keeps between events. */
    private Map<String, List<Document>> memory() {
        return Map.of(
                "award_intake_periods", documents("award_intake_periods"),
                "award_intake_standings", documents("award_intake_standings"));
    }

    private List<Document> documents(String collection) {
        return StreamSupport.stream(database.getCollection(collection).find()
                .sort(new Document("_id", 1)).spliterator(), false).toList();
    }

    // ---- events

    private static SurveySubmitted submitted(CampaignYear year, BuendnisId buendnisId, int... values) {
        List<CriterionScore> scores = scores(values);
        ActivityLevel level = ActivityLevel.of(scores);
        return new SurveySubmitted(year, buendnisId, scores, level, THRESHOLD, level.reaches(THRESHOLD), true,
                SubmissionChannel.ONLINE, new ParticipationBasis(BuendnisStatus.ACTIVE, PREVIOUS, false));
    }

    private static SurveyAmended amended(CampaignYear year, BuendnisId buendnisId, int... values) {
        List<CriterionScore> scores = scores(values);
        ActivityLevel level = ActivityLevel.of(scores);
        ActivityLevel before = ActivityLevel.of(scores(3, 3, 3));
        return new SurveyAmended(year, buendnisId, scores, level, THRESHOLD, level.reaches(THRESHOLD), true,
                SubmissionChannel.ONLINE, before, true);
    }

    private static List<CriterionScore> scores(int... values) {
        List<CriterionScore> scores = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            scores.add(new CriterionScore("k" + (i + 1), values[i]));
        }
        return scores;
    }

    private static SurveyOutcome outcome(SurveySubmitted submitted, long campaignSequence) {
        return new SurveyOutcome(submitted.year(), submitted.activityLevel(), submitted.threshold(),
                submitted.sufficient(), submitted.projektZukunftInterest(), submitted.channel(), campaignSequence);
    }

    private static SealGranted granted(AwardPeriod period, BuendnisId buendnisId) {
        return new SealGranted(period, buendnisId, "Ausgezeichnetes Bündnis " + period.label(),
                new GrantEvidence(GrantBasis.SURVEY, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                        RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, null, null, null, BuendnisStatus.ACTIVE),
                false, DIALOG);
    }
}
