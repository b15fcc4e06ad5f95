package de.lokalebuendnisse.command.seal;

import de.lokalebuendnisse.command.facts.RecordedFacts;
import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.command.refusal.Rules;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.CloseAwardPeriod;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.GrantSeal;
import de.lokalebuendnisse.kernel.seal.HoldAwardCeremony;
import de.lokalebuendnisse.kernel.seal.OpenAwardPeriod;
import de.lokalebuendnisse.kernel.seal.PreviousSealStandingRecorded;
import de.lokalebuendnisse.kernel.seal.RecordBuendnisStanding;
import de.lokalebuendnisse.kernel.seal.RecordPreviousSealStanding;
import de.lokalebuendnisse.kernel.seal.RecordSurveyOutcome;
import de.lokalebuendnisse.kernel.seal.RecordWerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.RevokeSeal;
import de.lokalebuendnisse.kernel.seal.ScheduleWerkstatt;
import de.lokalebuendnisse.kernel.seal.SealEligibility;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One award period of the seal "Ausgezeichnetes Bündnis". Decides grants only from facts in its own events: survey
 * outcomes and alliance standings arrive through the award intake process, attendances through the Werkstatt
 * registration, previous holders with the opening.
 */
@Aggregate
public class SealAward {

    @AggregateIdentifier
    private AwardPeriod period;
    private CampaignYear surveyYear;
    private String sealName;
    private AwardCeremony ceremony;
    private GrantRule grantRule;
    private RenewalRule renewalRule;
    private AwardPeriod previousPeriod;
    private final Set<BuendnisId> previousHolders = new HashSet<>();
    private final Map<WerkstattId, WerkstattScheduled> werkstaetten = new HashMap<>();
    private final Map<BuendnisId, List<WerkstattAttendance>> attendances = new HashMap<>();
    private final Map<BuendnisId, SurveyOutcome> outcomes = new HashMap<>();
    private final Map<BuendnisId, BuendnisStandingRecorded> standings = new HashMap<>();
    private final Map<BuendnisId, GrantBasis> granted = new HashMap<>();
    private final Set<BuendnisId> revoked = new HashSet<>();
    private List<BuendnisId> grantedAtCeremony;
    private boolean closed;

    protected SealAward() {
        // for Axon
    }

    @CommandHandler
    public SealAward(OpenAwardPeriod command, RecordedFacts facts) {
        AwardPeriod previous = command.period().firstYear() > AwardPeriod.FIRST_YEAR
                ? command.period().previous() : null;
        List<BuendnisId> holders = previous == null ? List.of() : List.copyOf(facts.sealHoldersOf(previous));
        apply(new AwardPeriodOpened(command.period(), command.surveyYear(), command.sealName(), command.ceremony(),
                GrantRule.SURVEY_INTEREST_WERKSTATT_V1, command.renewalRule(), previous, holders));
    }

    @CommandHandler
    public void handle(ScheduleWerkstatt command) {
        refuseWhenClosed("schedule a Werkstatt");
        WerkstattScheduled requested = new WerkstattScheduled(period, command.werkstattId(), command.region(),
                command.place(), command.date(), command.format());
        WerkstattScheduled known = werkstaetten.get(command.werkstattId());
        if (known == null) {
            apply(requested);
        } else if (!known.equals(requested)) {
            throw CommandRefusedException.conflict("werkstattId", "werkstatt-id-unique",
                    "Werkstatt " + command.werkstattId() + " is already scheduled with other details");
        }
    }

    @CommandHandler
    public void handle(RecordWerkstattAttendance command, RecordedFacts facts) {
        refuseWhenClosed("record attendance");
        WerkstattScheduled werkstatt = werkstaetten.get(command.werkstattId());
        if (werkstatt == null) {
            throw CommandRefusedException.notFound("werkstattId", "werkstatt-scheduled",
                    "no Werkstatt " + command.werkstattId() + " is scheduled in period " + period.label());
        }
        WerkstattAttendance attendance = new WerkstattAttendance(werkstatt.werkstattId(), werkstatt.region(),
                werkstatt.place(), werkstatt.date(), werkstatt.format(), command.mode(),
                command.representativeOrganisation());
        Optional<WerkstattAttendance> known = attendances.getOrDefault(command.buendnisId(), List.of()).stream()
                .filter(a -> a.werkstattId().equals(command.werkstattId())).findFirst();
        if (known.isPresent()) {
            if (!known.get().equals(attendance)) {
                throw CommandRefusedException.conflict("buendnisId", "one-attendance-per-werkstatt",
                        "attendance of " + command.buendnisId().value() + " at " + command.werkstattId()
                                + " is already recorded with other details");
            }
            return;
        }
        Optional<BuendnisStatus> status = facts.statusOf(command.buendnisId());
        Rules rules = new Rules();
        rules.check(status.isPresent(), "buendnisId", "buendnis-registered",
                "alliance " + command.buendnisId().value() + " is not registered");
        status.ifPresent(s -> rules.check(s.takesPart(), "buendnisId", "buendnis-active",
                "alliance " + command.buendnisId().value() + " is " + s.name().toLowerCase()
                        + " and takes part in nothing"));
        rules.enforce();
        apply(new WerkstattAttended(period, command.buendnisId(), attendance));
    }

    /** From the award intake process; a closed period or older news records nothing, so redelivery is harmless. */
    @CommandHandler
    public void handle(RecordSurveyOutcome command) {
        if (closed) {
            return;
        }
        if (!command.outcome().year().equals(surveyYear)) {
            throw CommandRefusedException.ruleViolated("outcome.year", "period-survey-year",
                    "period " + period.label() + " relies on the " + surveyYear.value() + " survey, not on "
                            + command.outcome().year().value());
        }
        SurveyOutcome known = outcomes.get(command.buendnisId());
        if (known == null || known.campaignSequence() < command.outcome().campaignSequence()) {
            apply(new SurveyOutcomeRecorded(period, command.buendnisId(), command.outcome()));
        }
    }

    @CommandHandler
    public void handle(RecordBuendnisStanding command) {
        if (closed) {
            return;
        }
        // recorded whenever newer, even if the status stays: the sequence must be remembered to ignore older news
        BuendnisStandingRecorded known = standings.get(command.buendnisId());
        if (known == null || known.sourceSequence() < command.sourceSequence()) {
            apply(new BuendnisStandingRecorded(period, command.buendnisId(), command.status(),
                    command.sourceSequence()));
        }
    }

    @CommandHandler
    public void handle(RecordPreviousSealStanding command) {
        if (!closed && previousPeriod != null && previousHolders.contains(command.buendnisId()) != command.held()) {
            apply(new PreviousSealStandingRecorded(period, command.buendnisId(), previousPeriod, command.held()));
        }
    }

    @CommandHandler
    public void handle(GrantSeal command) {
        if (granted.containsKey(command.buendnisId()) && !revoked.contains(command.buendnisId())) {
            return; // holds it already: a retry
        }
        SealEligibility.Decision decision = decide(command.buendnisId());
        if (!decision.eligible()) {
            throw CommandRefusedException.ruleViolated(decision.missing());
        }
        apply(new SealGranted(period, command.buendnisId(), sealName, decision.evidence(), false, ceremony));
    }

    @CommandHandler
    public List<BuendnisId> handle(HoldAwardCeremony command) {
        if (grantedAtCeremony != null) {
            return grantedAtCeremony; // held already: a retry gets the same answer
        }
        refuseWhenClosed("hold the ceremony");
        List<BuendnisId> grantedNow = new ArrayList<>();
        for (BuendnisId candidate : candidates()) {
            SealEligibility.Decision decision = decide(candidate);
            if (decision.eligible()) {
                apply(new SealGranted(period, candidate, sealName, decision.evidence(), true, ceremony));
                grantedNow.add(candidate);
            }
        }
        apply(new AwardCeremonyHeld(period, ceremony, grantedNow));
        return grantedNow;
    }

    @CommandHandler
    public void handle(RevokeSeal command) {
        // allowed after closing too: a seal can be found wrongly granted years later
        if (revoked.contains(command.buendnisId())) {
            return;
        }
        GrantBasis basis = granted.get(command.buendnisId());
        if (basis == null) {
            throw CommandRefusedException.ruleViolated("buendnisId", "seal-held",
                    "alliance " + command.buendnisId().value() + " holds no seal of period " + period.label());
        }
        apply(new SealRevoked(period, command.buendnisId(), command.reason(), basis));
    }

    @CommandHandler
    public void handle(CloseAwardPeriod command) {
        if (!closed) {
            apply(new AwardPeriodClosed(period, granted.size(), revoked.size()));
        }
    }

    private SealEligibility.Decision decide(BuendnisId buendnisId) {
        List<WerkstattAttendance> attended = attendances.getOrDefault(buendnisId, List.of());
        SealEligibility.Facts facts = new SealEligibility.Facts(statusOf(buendnisId), outcomes.get(buendnisId),
                attended.isEmpty() ? null : attended.get(0), previousHolders.contains(buendnisId),
                granted.containsKey(buendnisId) && !revoked.contains(buendnisId), revoked.contains(buendnisId));
        return SealEligibility.decide(
                new SealEligibility.Rule(grantRule, renewalRule, surveyYear, previousPeriod, closed), facts);
    }

    /** Everyone the period has heard of, in a stable order so that a ceremony's events are reproducible. */
    private SortedSet<BuendnisId> candidates() {
        SortedSet<BuendnisId> all = new TreeSet<>(previousHolders);
        all.addAll(outcomes.keySet());
        all.addAll(attendances.keySet());
        return all;
    }

    /** An alliance the process never reported on was active when the period learned of it. */
    private BuendnisStatus statusOf(BuendnisId buendnisId) {
        BuendnisStandingRecorded standing = standings.get(buendnisId);
        return standing == null ? BuendnisStatus.ACTIVE : standing.status();
    }

    private void refuseWhenClosed(String action) {
        if (closed) {
            throw CommandRefusedException.ruleViolated("period", "period-open",
                    "period " + period.label() + " is closed; cannot " + action);
        }
    }

    @EventSourcingHandler
    void on(AwardPeriodOpened event) {
        period = event.period();
        surveyYear = event.surveyYear();
        sealName = event.sealName();
        ceremony = event.ceremony();
        grantRule = event.grantRule();
        renewalRule = event.renewalRule();
        previousPeriod = event.previousPeriod();
        previousHolders.addAll(event.previousSealHolders());
    }

    @EventSourcingHandler
    void on(WerkstattScheduled event) {
        werkstaetten.put(event.werkstattId(), event);
    }

    @EventSourcingHandler
    void on(WerkstattAttended event) {
        attendances.computeIfAbsent(event.buendnisId(), id -> new ArrayList<>()).add(event.attendance());
    }

    @EventSourcingHandler
    void on(SurveyOutcomeRecorded event) {
        outcomes.put(event.buendnisId(), event.outcome());
    }

    @EventSourcingHandler
    void on(BuendnisStandingRecorded event) {
        standings.put(event.buendnisId(), event);
    }

    @EventSourcingHandler
    void on(PreviousSealStandingRecorded event) {
        if (event.held()) {
            previousHolders.add(event.buendnisId());
        } else {
            previousHolders.remove(event.buendnisId());
        }
    }

    @EventSourcingHandler
    void on(SealGranted event) {
        granted.put(event.buendnisId(), event.evidence().basis());
    }

    @EventSourcingHandler
    void on(AwardCeremonyHeld event) {
        grantedAtCeremony = List.copyOf(event.granted());
    }

    @EventSourcingHandler
    void on(SealRevoked event) {
        revoked.add(event.buendnisId());
    }

    @EventSourcingHandler
    void on(AwardPeriodClosed event) {
        closed = true;
    }
}
