package de.lokalebuendnisse.command.seal;

import de.lokalebuendnisse.command.facts.RecordedFacts;
import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.command.refusal.Rules;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.ScheduledWerkstatt;
import de.lokalebuendnisse.kernel.fold.AllianceFacts;
import de.lokalebuendnisse.kernel.fold.AwardPeriodState;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.CloseAwardPeriod;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.InvitationsSent;
import de.lokalebuendnisse.kernel.seal.RecordInvitationsSent;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.kernel.seal.GrantSeal;
import de.lokalebuendnisse.kernel.seal.HoldAwardCeremony;
import de.lokalebuendnisse.kernel.seal.OpenAwardPeriod;
import de.lokalebuendnisse.kernel.seal.PreviousSealStandingRecorded;
import de.lokalebuendnisse.kernel.seal.RecordBuendnisStanding;
import de.lokalebuendnisse.kernel.seal.RecordPreviousSealStanding;
import de.lokalebuendnisse.kernel.seal.RecordSurveyOutcome;
import de.lokalebuendnisse.kernel.seal.RecordWerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.RevokeSeal;
import de.lokalebuendnisse.kernel.seal.ScheduleWerkstatt;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import de.lokalebuendnisse.kernel.seal.SealEligibility;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SortedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One award period of the seal "Ausgezeichnetes Bündnis". Decides grants only from facts in its own events: survey
 * outcomes and alliance standings arrive through the award intake process, attendances through the Werkstatt
 * registration, previous holders with the opening. Its state is the kernel's {@link AwardPeriodState}, the same fold
 * the eligibility view and the answers as of an instant use, and it decides by {@link SealEligibility}.
 */
@Aggregate
public class SealAward {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @AggregateIdentifier
    private AwardPeriod period;
    /** Everything the period's events recorded, folded by the kernel's one fold of the period. */
    private AwardPeriodState state = AwardPeriodState.INITIAL;

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
        Optional<ScheduledWerkstatt> known = state.period().werkstatt(command.werkstattId());
        if (known.isEmpty()) {
            apply(requested);
        } else if (!known.get().equals(new ScheduledWerkstatt(requested.werkstattId(), requested.region(),
                requested.place(), requested.date(), requested.format()))) {
            throw CommandRefusedException.conflict("werkstattId", "werkstatt-id-unique",
                    "Werkstatt " + command.werkstattId() + " is already scheduled with other details");
        }
    }

    @CommandHandler
    public void handle(RecordWerkstattAttendance command, RecordedFacts facts) {
        refuseWhenClosed("record attendance");
        ScheduledWerkstatt werkstatt = state.period().werkstatt(command.werkstattId()).orElseThrow(() ->
                CommandRefusedException.notFound("werkstattId", "werkstatt-scheduled",
                        "no Werkstatt " + command.werkstattId() + " is scheduled in period " + period.label()));
        WerkstattAttendance attendance = new WerkstattAttendance(werkstatt.werkstattId(), werkstatt.region(),
                werkstatt.place(), werkstatt.date(), werkstatt.format(), command.mode(),
                command.representativeOrganisation());
        Optional<WerkstattAttendance> known = state.alliance(command.buendnisId()).attendanceAt(command.werkstattId());
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
        if (closed()) {
            return;
        }
        CampaignYear surveyYear = state.period().surveyYear();
        if (!command.outcome().year().equals(surveyYear)) {
            throw CommandRefusedException.ruleViolated("outcome.year", "period-survey-year",
                    "period " + period.label() + " relies on the " + surveyYear.value() + " survey, not on "
                            + command.outcome().year().value());
        }
        SurveyOutcome known = state.alliance(command.buendnisId()).survey();
        if (known == null || known.campaignSequence() < command.outcome().campaignSequence()) {
            apply(new SurveyOutcomeRecorded(period, command.buendnisId(), command.outcome()));
        }
    }

    @CommandHandler
    public void handle(RecordBuendnisStanding command) {
        if (closed()) {
            return;
        }
        // recorded whenever newer, even if the status stays: the sequence must be remembered to ignore older news
        AllianceFacts known = state.alliance(command.buendnisId());
        if (!known.standingRecorded() || known.standingSourceSequence() < command.sourceSequence()) {
            apply(new BuendnisStandingRecorded(period, command.buendnisId(), command.status(),
                    command.sourceSequence()));
        }
    }

    @CommandHandler
    public void handle(RecordPreviousSealStanding command) {
        AwardPeriod previousPeriod = state.period().previousPeriod();
        if (!closed() && previousPeriod != null
                && state.alliance(command.buendnisId()).previousSealHeld() != command.held()) {
            apply(new PreviousSealStandingRecorded(period, command.buendnisId(), previousPeriod, command.held()));
        }
    }

    @CommandHandler
    public void handle(GrantSeal command) {
        if (state.alliance(command.buendnisId()).holdsSeal()) {
            return; // holds it already: a retry
        }
        SealEligibility.Decision decision = state.decide(command.buendnisId());
        if (!decision.eligible()) {
            throw CommandRefusedException.ruleViolated(decision.missing());
        }
        apply(new SealGranted(period, command.buendnisId(), state.period().sealName(), decision.evidence(), false,
                state.period().ceremony()));
    }

    @CommandHandler
    public List<BuendnisId> handle(HoldAwardCeremony command) {
        if (state.period().ceremonyHeld()) {
            return state.period().grantedAtCeremony(); // held already: a retry gets the same answer
        }
        refuseWhenClosed("hold the ceremony");
        List<BuendnisId> grantedNow = new ArrayList<>();
        for (BuendnisId candidate : state.candidates().keySet()) {
            SealEligibility.Decision decision = state.decide(candidate);
            if (decision.eligible()) {
                apply(new SealGranted(period, candidate, state.period().sealName(), decision.evidence(), true,
                        state.period().ceremony()));
                grantedNow.add(candidate);
            }
        }
        apply(new AwardCeremonyHeld(period, state.period().ceremony(), grantedNow));
        return grantedNow;
    }

    @CommandHandler
    public void handle(RevokeSeal command) {
        // allowed after closing too: a seal can be found wrongly granted years later
        AllianceFacts alliance = state.alliance(command.buendnisId());
        if (alliance.revocation() != null) {
            return;
        }
        if (alliance.grant() == null) {
            throw CommandRefusedException.ruleViolated("buendnisId", "seal-held",
                    "alliance " + command.buendnisId().value() + " holds no seal of period " + period.label());
        }
        apply(new SealRevoked(period, command.buendnisId(), command.reason(), alliance.grant().basis()));
    }

    /**
     * Records the invitations to Werkstätten of the period. Refused, naming every rule that failed, unless the period
     * is open, every alliance is on the period's invitation list and every Werkstatt is scheduled in the period.
     * Alliances already recorded for the same Werkstätten and channel are left out, so a repeat records nothing.
     *
     * @return the alliances recorded now, in the order asked (empty for a repeat)
     */
    @CommandHandler
    public List<BuendnisId> handle(RecordInvitationsSent command) {
        Rules rules = new Rules();
        rules.check(!closed(), "period", "period-open",
                "period " + period.label() + " is closed; cannot record invitations");
        SortedMap<BuendnisId, GrantBasis> list = state.invitationList();
        for (BuendnisId buendnisId : command.buendnisIds()) {
            rules.check(list.containsKey(buendnisId), "buendnisIds", "on-invitation-list",
                    "alliance " + buendnisId.value() + " is not on the invitation list of period " + period.label());
        }
        for (WerkstattId werkstattId : command.werkstattIds()) {
            rules.check(state.period().werkstatt(werkstattId).isPresent(), "werkstattIds", "werkstatt-scheduled",
                    "no Werkstatt " + werkstattId + " is scheduled in period " + period.label());
        }
        rules.enforce();
        List<BuendnisId> notYetRecorded = command.buendnisIds().stream()
                .filter(id -> !state.alliance(id).invited(command.werkstattIds(), command.channel()))
                .toList();
        if (!notYetRecorded.isEmpty()) {
            // the day as the office sees it; the event message's clock, so the event's timestamp tells the same day
            LocalDate sentOn = LocalDate.ofInstant(GenericEventMessage.clock.instant(), BERLIN);
            apply(new InvitationsSent(period, notYetRecorded, command.werkstattIds(), command.channel(), sentOn));
        }
        return notYetRecorded;
    }

    @CommandHandler
    public void handle(CloseAwardPeriod command) {
        if (!closed()) {
            apply(new AwardPeriodClosed(period, state.sealsGranted(), state.sealsRevoked()));
        }
    }

    private boolean closed() {
        return state.period().closed();
    }

    private void refuseWhenClosed(String action) {
        if (closed()) {
            throw CommandRefusedException.ruleViolated("period", "period-open",
                    "period " + period.label() + " is closed; cannot " + action);
        }
    }

    /** Every event of the period, through the one fold of the period (shared with the eligibility view). */
    @EventSourcingHandler
    void on(SealAwardEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        state = state.evolve(event, sequence, at);
        period = state.label();
    }
}
