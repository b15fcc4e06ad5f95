package de.lokalebuendnisse.query.eligibility;

import de.lokalebuendnisse.kernel.seal.InvitationsSent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.FindEligibilityQuery;
import de.lokalebuendnisse.kernel.fold.AllianceFacts;
import de.lokalebuendnisse.kernel.fold.Assessment;
import de.lokalebuendnisse.kernel.fold.AwardPeriodState;
import de.lokalebuendnisse.kernel.fold.PeriodFacts;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.PreviousSealStandingRecorded;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.platform.projection.BatchEnd;
import de.lokalebuendnisse.query.config.QueryProjections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The eligibility view: per award period and alliance, each criterion of the period's grant rule and the overall
 * status. The facts are evolved by the kernel's one fold of the period ({@link PeriodFacts#evolve},
 * {@link AllianceFacts#evolve}, the fold the SealAward aggregate keeps its state with), one stored document at a time,
 * and judged by {@link Assessment} ({@link de.lokalebuendnisse.kernel.seal.SealEligibility}, the rule the aggregate
 * grants by) before they are stored. Every write stores state derived from facts that each remember their event, so a
 * redelivered or replayed event changes nothing. Subscribers of a period get its overview again after each change.
 */
@Component
@ProcessingGroup(QueryProjections.ELIGIBILITY)
public class EligibilityProjection {

    private final EligibilityDocuments documents;
    private final QueryUpdateEmitter updates;

    public EligibilityProjection(EligibilityDocuments documents, QueryUpdateEmitter updates) {
        this.documents = documents;
        this.updates = updates;
    }

    // ---- the period itself

    @EventHandler
    void on(AwardPeriodOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        inBatch(batch -> {
            EligibilityDocuments.Batch documents = batch.documents;
            PeriodFacts period = PeriodFacts.evolve(documents.period(event.period()).orElse(null), event);
            documents.savePeriod(period);
            for (BuendnisId holder : AwardPeriodState.alliancesConcerned(event)) {
                AllianceFacts before = documents.facts(event.period(), holder).orElse(AllianceFacts.NONE);
                save(documents, period, holder, before.evolve(event, sequence, at));
            }
            batch.changed.add(event.period());
        });
    }

    @EventHandler
    void on(WerkstattScheduled event) {
        inBatch(batch -> {
            batch.documents.savePeriod(PeriodFacts.evolve(periodOf(batch.documents, event.period()), event));
            batch.changed.add(event.period());
        });
    }

    @EventHandler
    void on(AwardCeremonyHeld event) {
        inBatch(batch -> {
            batch.documents.savePeriod(PeriodFacts.evolve(periodOf(batch.documents, event.period()), event));
            batch.changed.add(event.period());
        });
    }

    /** A closed period grants nothing more: every entry is judged again (PERIOD_OPEN now missing). */
    @EventHandler
    void on(AwardPeriodClosed event) {
        inBatch(batch -> {
            EligibilityDocuments.Batch documents = batch.documents;
            PeriodFacts period = PeriodFacts.evolve(periodOf(documents, event.period()), event);
            documents.savePeriod(period);
            for (Map.Entry<BuendnisId, AllianceFacts> alliance : documents.factsOf(event.period()).entrySet()) {
                save(documents, period, alliance.getKey(), alliance.getValue());
            }
            batch.changed.add(event.period());
        });
    }

    // ---- what the period recorded of one alliance

    @EventHandler
    void on(SurveyOutcomeRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, event.buendnisId(), sequence, at);
    }

    @EventHandler
    void on(WerkstattAttended event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, event.buendnisId(), sequence, at);
    }

    @EventHandler
    void on(BuendnisStandingRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, event.buendnisId(), sequence, at);
    }

    @EventHandler
    void on(PreviousSealStandingRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, event.buendnisId(), sequence, at);
    }

    @EventHandler
    void on(SealGranted event, @SequenceNumber long sequence, @Timestamp Instant grantedAt) {
        change(event, event.buendnisId(), sequence, grantedAt);
    }

    @EventHandler
    void on(SealRevoked event, @SequenceNumber long sequence, @Timestamp Instant revokedAt) {
        change(event, event.buendnisId(), sequence, revokedAt);
    }

    /** Each alliance's entry shows when it was invited; the facts remember the event, so redelivery adds nothing. */
    @EventHandler
    void on(InvitationsSent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        for (BuendnisId buendnisId : AwardPeriodState.alliancesConcerned(event)) {
            change(event, buendnisId, sequence, at);
        }
    }

    // ---- the alliance's profile, from its own stream, in whichever order it arrives

    @EventHandler
    void on(BuendnisRegistered event, @SequenceNumber long sequence) {
        profile(event.buendnisId(), event.profile(), sequence);
    }

    @EventHandler
    void on(BuendnisProfileUpdated event, @SequenceNumber long sequence) {
        profile(event.buendnisId(), event.profile(), sequence);
    }

    @ResetHandler
    void reset() {
        documents.clear();
    }

    /**
     * Stored and copied into the alliance's entries when the batch ends. Copied even when delivered before: the first
     * delivery may have stopped between storing and copying.
     */
    private void profile(BuendnisId buendnisId, BuendnisProfile profile, long sequence) {
        inBatch(batch -> batch.documents.saveProfile(buendnisId, profile, sequence));
    }

    private void change(SealAwardEvent event, BuendnisId buendnisId, long sequence, Instant at) {
        inBatch(batch -> {
            AwardPeriod awardPeriod = event.period();
            PeriodFacts period = periodOf(batch.documents, awardPeriod);
            Optional<AllianceFacts> stored = batch.documents.facts(awardPeriod, buendnisId);
            AllianceFacts before = stored.orElse(AllianceFacts.NONE);
            AllianceFacts after = before.evolve(event, sequence, at);
            // written even when delivered before: the first delivery may have stopped between its writes
            save(batch.documents, period, buendnisId, after);
            if (stored.isEmpty() || !after.equals(before)) {
                batch.changed.add(awardPeriod);
            }
        });
    }

    /** Judges the facts by the period's rule, then stores both. */
    private static void save(EligibilityDocuments.Batch documents, PeriodFacts period, BuendnisId buendnisId,
                             AllianceFacts facts) {
        documents.saveEntry(period.period(), buendnisId, facts, Assessment.of(period, facts));
    }

    /** The opening is the first event of a period's stream, and events of one stream arrive in order. */
    private static PeriodFacts periodOf(EligibilityDocuments.Batch documents, AwardPeriod period) {
        return documents.period(period).orElseThrow(() -> new IllegalStateException(
                "award period " + period.label() + " has no opening in the eligibility view"));
    }

    /**
     * Handles an event with the documents of its processor batch ({@link BatchEnd}): a replay handles thousands of
     * events in a row, and a batch of them reads and writes with a few round trips instead of a few per event.
     */
    private void inBatch(Consumer<ChangesOfTheBatch> handling) {
        BatchEnd.collect(this, ChangesOfTheBatch::new, handling);
    }

    /** The documents of a batch, and the periods its events changed, told to their subscribers once it is written. */
    private final class ChangesOfTheBatch implements BatchEnd.Work {

        private final EligibilityDocuments.Batch documents = EligibilityProjection.this.documents.new Batch();
        private final Set<AwardPeriod> changed = new TreeSet<>();

        /** Loads ahead what the batch's events will read (nothing for an event handled alone). */
        ChangesOfTheBatch() {
            Set<AwardPeriod> periods = new LinkedHashSet<>();
            Set<EligibilityDocuments.EntryKey> entries = new LinkedHashSet<>();
            for (Object payload : BatchEnd.payloadsOfTheBatch()) {
                if (payload instanceof SealAwardEvent event) {
                    periods.add(event.period());
                    AwardPeriodState.alliancesConcerned(event)
                            .forEach(buendnisId -> entries.add(new EligibilityDocuments.EntryKey(event.period(),
                                    buendnisId)));
                }
            }
            documents.load(periods, entries);
        }

        @Override
        public void finish() {
            changed.addAll(documents.finish());
            changed.forEach(EligibilityProjection.this::publish);
        }
    }

    /**
     * Sends each subscriber of the period the overview it asked for, read after the change. Each distinct query is
     * read once; nothing is read when nobody subscribes (as during most replays).
     */
    private void publish(AwardPeriod period) {
        Set<FindEligibilityQuery> subscribed = new LinkedHashSet<>();
        for (SubscriptionQueryMessage<?, ?, ?> subscription : updates.activeSubscriptions()) {
            if (subscription.getPayload() instanceof FindEligibilityQuery query && query.period().equals(period)) {
                subscribed.add(query);
            }
        }
        for (FindEligibilityQuery query : subscribed) {
            documents.overview(query).ifPresent(overview ->
                    updates.emit(FindEligibilityQuery.class, query::equals, overview));
        }
    }
}
