package de.lokalebuendnisse.command.seal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import de.lokalebuendnisse.command.process.ProcessCommands;
import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisEvent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.fold.AllianceStatus;
import de.lokalebuendnisse.kernel.fold.SealHolders;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.RecordBuendnisStanding;
import de.lokalebuendnisse.kernel.seal.RecordPreviousSealStanding;
import de.lokalebuendnisse.kernel.seal.RecordSurveyOutcome;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.SurveyAmended;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import de.lokalebuendnisse.platform.mongo.ChunkedDeletes;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries the facts an award period decides on from where they are recorded into the period: survey outcomes
 * from the campaign its rule relies on, and pauses, resumptions and dissolutions of alliances. Never typed in by
 * hand.
 * <p>
 * Reliable by construction: a tracking (pooled streaming) processor with its token in MongoDB; every command it
 * sends is idempotent in the aggregate, so redelivery and replay change nothing twice. Each command is sent
 * outside the processor's unit of work and has committed before the token moves past its event. Its own memory
 * (which periods are open, which alliances are not active) lives in two MongoDB collections it rebuilds on reset.
 */
@Component
@ProcessingGroup(AwardIntakeProcess.PROCESSING_GROUP)
public class AwardIntakeProcess {

    public static final String PROCESSING_GROUP = "award-intake";
    static final String PROCESS_NAME = "award-intake-process";

    private static final Logger log = LoggerFactory.getLogger(AwardIntakeProcess.class);

    private final EventStore eventStore;
    private final MongoCollection<Document> periods;
    private final MongoCollection<Document> standings;
    private final ProcessCommands commands;

    public AwardIntakeProcess(CommandGateway commandGateway, EventStore eventStore, MongoDatabase commandDatabase) {
        this.commands = new ProcessCommands(commandGateway, PROCESS_NAME);
        this.eventStore = eventStore;
        this.periods = commandDatabase.getCollection("award_intake_periods");
        this.standings = commandDatabase.getCollection("award_intake_standings");
    }

    @EventHandler
    void on(AwardPeriodOpened event, EventMessage<?> message) {
        periods.replaceOne(Filters.eq("_id", event.period().label()),
                new Document("_id", event.period().label())
                        .append("surveyYear", event.surveyYear().value())
                        .append("open", true),
                new ReplaceOptions().upsert(true));
        // outcomes submitted before the period opened
        DomainEventStream campaign = eventStore.readEvents(event.surveyYear().toString(), 0);
        campaign.forEachRemaining(campaignEvent -> outcomeOf(campaignEvent.getPayload(),
                campaignEvent.getSequenceNumber())
                .ifPresent(outcome -> send(new RecordSurveyOutcome(event.period(), outcome.buendnisId(),
                        outcome.outcome()), message)));
        // alliances that were not active before the period opened
        for (Document standing : standings.find(Filters.ne("status", BuendnisStatus.ACTIVE.name()))) {
            send(new RecordBuendnisStanding(event.period(), BuendnisId.of(standing.getString("_id")),
                    BuendnisStatus.valueOf(standing.getString("status")), standing.getLong("sequence")), message);
        }
    }

    @EventHandler
    void on(AwardPeriodClosed event) {
        periods.updateOne(Filters.eq("_id", event.period().label()), new Document("$set", new Document("open", false)));
    }

    @EventHandler
    void on(SurveySubmitted event, @SequenceNumber long sequence, EventMessage<?> message) {
        forwardOutcome(event.year(), outcomeOf(event, sequence).orElseThrow(), message);
    }

    @EventHandler
    void on(SurveyAmended event, @SequenceNumber long sequence, EventMessage<?> message) {
        forwardOutcome(event.year(), outcomeOf(event, sequence).orElseThrow(), message);
    }

    @EventHandler
    void on(BuendnisPaused event, @SequenceNumber long sequence, EventMessage<?> message) {
        forwardStanding(event, sequence, message);
    }

    @EventHandler
    void on(BuendnisResumed event, @SequenceNumber long sequence, EventMessage<?> message) {
        forwardStanding(event, sequence, message);
    }

    @EventHandler
    void on(BuendnisDissolved event, @SequenceNumber long sequence, EventMessage<?> message) {
        forwardStanding(event, sequence, message);
    }

    /** A seal of period P granted or revoked after period P+1 opened reaches P+1 as a change of its holders. */
    @EventHandler
    void on(SealGranted event, EventMessage<?> message) {
        forwardPreviousSeal(event, message);
    }

    @EventHandler
    void on(SealRevoked event, EventMessage<?> message) {
        forwardPreviousSeal(event, message);
    }

    /** A replay rebuilds the process's memory from the first event; the commands it then resends are no-ops. */
    @ResetHandler
    void reset() {
        ChunkedDeletes.deleteAll(periods);
        ChunkedDeletes.deleteAll(standings);
    }

    private void forwardOutcome(CampaignYear year, IntakeOutcome outcome, EventMessage<?> message) {
        for (AwardPeriod period : openPeriods(Filters.eq("surveyYear", year.value()))) {
            send(new RecordSurveyOutcome(period, outcome.buendnisId(), outcome.outcome()), message);
        }
    }

    /** The status the event sets, as the kernel's fold of an alliance's stream says ({@link AllianceStatus}). */
    private void forwardStanding(BuendnisEvent event, long sequence, EventMessage<?> message) {
        BuendnisId buendnisId = event.buendnisId();
        BuendnisStatus status = AllianceStatus.changedBy(event).orElseThrow();
        standings.replaceOne(Filters.eq("_id", buendnisId.value()),
                new Document("_id", buendnisId.value()).append("status", status.name()).append("sequence", sequence),
                new ReplaceOptions().upsert(true));
        for (AwardPeriod period : openPeriods(new Document())) {
            send(new RecordBuendnisStanding(period, buendnisId, status, sequence), message);
        }
    }

    /** Who holds the seal after the event, as the kernel's fold of the holders says ({@link SealHolders}). */
    private void forwardPreviousSeal(SealAwardEvent event, EventMessage<?> message) {
        SealHolders.Change change = SealHolders.changedBy(event).orElseThrow();
        AwardPeriod next = AwardPeriod.startingIn(change.period().firstYear() + 1);
        if (!openPeriods(Filters.eq("_id", next.label())).isEmpty()) {
            send(new RecordPreviousSealStanding(next, change.buendnisId(), change.held()), message);
        }
    }

    private List<AwardPeriod> openPeriods(Bson filter) {
        List<AwardPeriod> open = new ArrayList<>();
        for (Document period : periods.find(Filters.and(filter, Filters.eq("open", true)))) {
            open.add(AwardPeriod.of(period.getString("_id")));
        }
        return open;
    }

    private record IntakeOutcome(BuendnisId buendnisId, SurveyOutcome outcome) {
    }

    private static Optional<IntakeOutcome> outcomeOf(Object payload, long sequence) {
        if (payload instanceof SurveySubmitted s) {
            return Optional.of(new IntakeOutcome(s.buendnisId(), new SurveyOutcome(s.year(),
                    s.activityLevel(), s.threshold(), s.sufficient(), s.projektZukunftInterest(), s.channel(),
                    sequence)));
        }
        if (payload instanceof SurveyAmended a) {
            return Optional.of(new IntakeOutcome(a.buendnisId(), new SurveyOutcome(a.year(),
                    a.activityLevel(), a.threshold(), a.sufficient(), a.projektZukunftInterest(), a.channel(),
                    sequence)));
        }
        return Optional.empty();
    }

    /** A refusal is final: retrying would not change it, so it is logged for the staff and passed over. */
    private void send(Object command, EventMessage<?> cause) {
        commands.send(command, cause).ifPresent(refusal ->
                log.warn("{} refused {}: {}", PROCESS_NAME, command, refusal.summary()));
    }
}
