package de.lokalebuendnisse.command.survey;

import de.lokalebuendnisse.command.facts.RecordedFacts;
import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.command.refusal.Rules;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.survey.ActivityDecision;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.AmendSurvey;
import de.lokalebuendnisse.kernel.survey.AnswerScale;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.CloseSurveyCampaign;
import de.lokalebuendnisse.kernel.survey.CriterionScore;
import de.lokalebuendnisse.kernel.survey.ImportSurveyAnswers;
import de.lokalebuendnisse.kernel.survey.OpenSurveyCampaign;
import de.lokalebuendnisse.kernel.survey.ParticipationBasis;
import de.lokalebuendnisse.kernel.survey.SealCriterion;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SubmitSurvey;
import de.lokalebuendnisse.kernel.survey.SurveyAmended;
import de.lokalebuendnisse.kernel.survey.SurveyAnswersImported;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignClosed;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignOpened;
import de.lokalebuendnisse.kernel.survey.SurveyImportReport;
import de.lokalebuendnisse.kernel.survey.SurveyImportRow;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The yearly Bündnisumfrage. Evaluates every survey by the criteria, scale and threshold fixed when it opened.
 * Open to registered, active alliances that do not hold the seal valid in the campaign year.
 */
@Aggregate
public class SurveyCampaign {

    @AggregateIdentifier
    private CampaignYear year;
    private List<String> criterionIds;
    private AnswerScale scale;
    private BigDecimal threshold;
    private boolean closed;
    private final Map<BuendnisId, Submission> submissions = new HashMap<>();

    private record Submission(List<CriterionScore> scores, ActivityLevel level, boolean sufficient,
                              boolean interest, SubmissionChannel channel) {

        /** The same answers, in whatever order the scores were listed. */
        boolean sameAnswers(List<CriterionScore> otherScores, boolean otherInterest, SubmissionChannel otherChannel) {
            return new HashSet<>(scores).equals(new HashSet<>(otherScores)) && scores.size() == otherScores.size()
                    && interest == otherInterest && channel == otherChannel;
        }
    }

    protected SurveyCampaign() {
        // for Axon
    }

    @CommandHandler
    public SurveyCampaign(OpenSurveyCampaign command) {
        apply(new SurveyCampaignOpened(command.year(), command.title(), command.criteria(), command.scale(),
                command.threshold(), command.opensOn(), command.closesOn()));
    }

    @CommandHandler
    public ActivityDecision handle(SubmitSurvey command, RecordedFacts facts) {
        Submission earlier = submissions.get(command.buendnisId());
        if (earlier != null) {
            if (earlier.sameAnswers(command.scores(), command.projektZukunftInterest(), command.channel())) {
                return new ActivityDecision(earlier.level(), threshold, earlier.sufficient());
            }
            throw CommandRefusedException.conflict("buendnisId", "one-submission-per-alliance",
                    "alliance " + command.buendnisId().value() + " already submitted to the " + year.value()
                            + " campaign; amend it instead");
        }
        Rules rules = new Rules();
        checkOpen(rules);
        Optional<BuendnisStatus> status = facts.statusOf(command.buendnisId());
        Optional<AwardPeriod> validSeal = sealValidIn(year);
        boolean sealHeld = validSeal.map(period -> facts.sealHoldersOf(period).contains(command.buendnisId()))
                .orElse(false);
        checkParticipation(rules, command.buendnisId(), status, validSeal, sealHeld);
        checkScores(rules, command.scores());
        rules.enforce();

        ActivityLevel level = ActivityLevel.of(command.scores());
        boolean sufficient = level.reaches(threshold);
        apply(new SurveySubmitted(year, command.buendnisId(), command.scores(), level, threshold, sufficient,
                command.projektZukunftInterest(), command.channel(),
                new ParticipationBasis(status.get(), validSeal.orElse(null), false)));
        return new ActivityDecision(level, threshold, sufficient);
    }

    @CommandHandler
    public ActivityDecision handle(AmendSurvey command, RecordedFacts facts) {
        Submission earlier = submissions.get(command.buendnisId());
        if (earlier != null
                && earlier.sameAnswers(command.scores(), command.projektZukunftInterest(), command.channel())) {
            // a retry, also after closing: the answers are recorded as they are
            return new ActivityDecision(earlier.level(), threshold, earlier.sufficient());
        }
        Rules rules = new Rules();
        checkOpen(rules);
        rules.check(earlier != null, "buendnisId", "submitted-before-amend",
                "alliance " + command.buendnisId().value() + " has no survey in the " + year.value()
                        + " campaign to amend");
        if (earlier != null) {
            facts.statusOf(command.buendnisId()).ifPresent(s -> checkActive(rules, command.buendnisId(), s));
        }
        checkScores(rules, command.scores());
        rules.enforce();

        ActivityLevel level = ActivityLevel.of(command.scores());
        boolean sufficient = level.reaches(threshold);
        apply(new SurveyAmended(year, command.buendnisId(), command.scores(), level, threshold, sufficient,
                command.projektZukunftInterest(), command.channel(), earlier.level(), earlier.sufficient()));
        return new ActivityDecision(level, threshold, sufficient);
    }

    /**
     * Decides every row of an import by the rules a single submission or amendment is decided by, as one unit: the
     * good rows are submitted or amended, the others are skipped and reported (the dry run shows them beforehand).
     * A row with the answers already recorded is unchanged, so a repeated file records nothing at all; a corrected
     * row becomes an amendment while the campaign is open. An alliance named by more than one row is refused in all
     * of them: the file does not say which row is right.
     */
    @CommandHandler
    public SurveyImportReport handle(ImportSurveyAnswers command, RecordedFacts facts) {
        Map<BuendnisId, Long> rowsPerAlliance = command.rows().stream().filter(row -> row.buendnisId() != null)
                .collect(Collectors.groupingBy(SurveyImportRow::buendnisId, Collectors.counting()));
        SubmissionChannel channel = command.mapping().channel();
        List<SurveyImportReport.RowOutcome> outcomes = new ArrayList<>();
        List<Runnable> effects = new ArrayList<>();
        // read once for the whole file, and only when a row needs it: the period's stream can be long
        SortedSet<BuendnisId> sealHolders = null;
        for (SurveyImportRow row : command.rows()) {
            Rules rules = new Rules();
            row.problems().forEach(p -> rules.broken(p.field(), p.rule(), p.detail()));
            BuendnisId id = row.buendnisId();
            if (id != null && rowsPerAlliance.get(id) > 1) {
                rules.broken("buendnisId", "one-row-per-alliance", "alliance " + id.value() + " is named in "
                        + rowsPerAlliance.get(id) + " rows of the file");
            }
            Submission earlier = id == null ? null : submissions.get(id);
            boolean interest = Boolean.TRUE.equals(row.projektZukunftInterest());
            if (rules.allHold() && earlier != null && earlier.sameAnswers(row.scores(), interest, channel)) {
                outcomes.add(new SurveyImportReport.RowOutcome(row.rowNumber(), id.value(),
                        SurveyImportReport.Outcome.UNCHANGED, earlier.level().mean(), earlier.sufficient(), List.of()));
                continue;
            }
            checkOpen(rules);
            Optional<BuendnisStatus> status = Optional.empty();
            Optional<AwardPeriod> validSeal = sealValidIn(year);
            if (id != null) {
                status = facts.statusOf(id);
                if (earlier == null) {
                    if (sealHolders == null) {
                        sealHolders = validSeal.map(facts::sealHoldersOf).orElseGet(TreeSet::new);
                    }
                    checkParticipation(rules, id, status, validSeal, sealHolders.contains(id));
                } else {
                    status.ifPresent(s -> checkActive(rules, id, s));
                }
            }
            checkScores(rules, row.scores());
            List<Refusal.Reason> problems = rules.broken();
            if (!problems.isEmpty()) {
                outcomes.add(new SurveyImportReport.RowOutcome(row.rowNumber(), id == null ? null : id.value(),
                        SurveyImportReport.Outcome.REFUSED, null, null, problems));
                continue;
            }
            ActivityLevel level = ActivityLevel.of(row.scores());
            boolean sufficient = level.reaches(threshold);
            if (earlier == null) {
                ParticipationBasis basis = new ParticipationBasis(status.get(), validSeal.orElse(null), false);
                effects.add(() -> apply(new SurveySubmitted(year, id, row.scores(), level, threshold, sufficient,
                        interest, channel, basis)));
            } else {
                effects.add(() -> apply(new SurveyAmended(year, id, row.scores(), level, threshold, sufficient,
                        interest, channel, earlier.level(), earlier.sufficient())));
            }
            outcomes.add(new SurveyImportReport.RowOutcome(row.rowNumber(), id.value(),
                    earlier == null ? SurveyImportReport.Outcome.SUBMIT : SurveyImportReport.Outcome.AMEND,
                    level.mean(), sufficient, List.of()));
        }
        SurveyImportReport.Counts counts = new SurveyImportReport.Counts(outcomes.size(),
                count(outcomes, SurveyImportReport.Outcome.SUBMIT), count(outcomes, SurveyImportReport.Outcome.AMEND),
                count(outcomes, SurveyImportReport.Outcome.UNCHANGED),
                count(outcomes, SurveyImportReport.Outcome.REFUSED));
        List<Refusal.Reason> importProblems = new ArrayList<>();
        if (closed) {
            importProblems.add(new Refusal.Reason("year", "campaign-open", "the " + year.value()
                    + " campaign is closed: no row can be submitted or amended"));
        }
        // an import that changes nothing (a repeated file) records nothing, so a repeat stores nothing twice
        boolean record = !command.dryRun() && !effects.isEmpty();
        if (record) {
            effects.forEach(Runnable::run);
            List<SurveyAnswersImported.RefusedRow> refusedRows = outcomes.stream()
                    .filter(o -> o.outcome() == SurveyImportReport.Outcome.REFUSED)
                    .map(o -> new SurveyAnswersImported.RefusedRow(o.rowNumber(), o.buendnisId(),
                            o.problems().stream().map(SurveyAnswersImported.BrokenRule::of).toList()))
                    .toList();
            apply(new SurveyAnswersImported(year, command.importId(), command.source(), command.mapping(),
                    counts.submit(), counts.amend(), counts.unchanged(), counts.refused(), refusedRows));
        }
        return new SurveyImportReport(year.value(), command.importId(), command.dryRun(), record, command.source(),
                counts, importProblems, outcomes);
    }

    private static int count(List<SurveyImportReport.RowOutcome> outcomes, SurveyImportReport.Outcome outcome) {
        return (int) outcomes.stream().filter(o -> o.outcome() == outcome).count();
    }

    @CommandHandler
    public void handle(CloseSurveyCampaign command) {
        if (!closed) {
            int sufficient = (int) submissions.values().stream().filter(Submission::sufficient).count();
            apply(new SurveyCampaignClosed(year, submissions.size(), sufficient));
        }
    }

    /** A seal of period (Y-1)/Y is valid through year Y, so its holders sit out campaign Y. */
    static Optional<AwardPeriod> sealValidIn(CampaignYear year) {
        int firstYear = year.value() - 1;
        return firstYear < AwardPeriod.FIRST_YEAR ? Optional.empty() : Optional.of(AwardPeriod.startingIn(firstYear));
    }

    /** Who may submit a first survey: a registered, active alliance not holding the seal valid in the year. */
    private void checkParticipation(Rules rules, BuendnisId id, Optional<BuendnisStatus> status,
                                    Optional<AwardPeriod> validSeal, boolean sealHeld) {
        rules.check(status.isPresent(), "buendnisId", "buendnis-registered",
                "alliance " + id.value() + " is not registered");
        status.ifPresent(s -> checkActive(rules, id, s));
        rules.check(!sealHeld, "buendnisId", "no-valid-seal",
                "alliance " + id.value() + " holds the seal " + validSeal.map(AwardPeriod::label).orElse("")
                        + ", valid in " + year.value() + "; holders renew through a Werkstatt, not the survey");
    }

    private static void checkActive(Rules rules, BuendnisId id, BuendnisStatus status) {
        rules.check(status.takesPart(), "buendnisId", "buendnis-active",
                "alliance " + id.value() + " is " + status.name().toLowerCase() + " and takes part in nothing");
    }

    private void checkOpen(Rules rules) {
        rules.check(!closed, "year", "campaign-open", "the " + year.value() + " campaign is closed");
    }

    private void checkScores(Rules rules, List<CriterionScore> scores) {
        Map<String, Long> answersPerCriterion = scores.stream()
                .collect(Collectors.groupingBy(CriterionScore::criterionId, Collectors.counting()));
        Set<String> unknown = new LinkedHashSet<>(answersPerCriterion.keySet());
        criterionIds.forEach(unknown::remove);
        rules.check(unknown.isEmpty(), "scores", "known-criteria",
                "criteria " + unknown + " are not part of the " + year.value() + " campaign");
        List<String> twice = answersPerCriterion.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).sorted().toList();
        rules.check(twice.isEmpty(), "scores", "each-criterion-once", "criteria " + twice + " are answered more than once");
        List<String> missing = criterionIds.stream().filter(id -> !answersPerCriterion.containsKey(id)).toList();
        rules.check(missing.isEmpty(), "scores", "every-criterion-answered", "criteria " + missing + " are not answered");
        List<String> outside = scores.stream().filter(s -> !scale.contains(s.score()))
                .map(s -> s.criterionId() + "=" + s.score()).toList();
        rules.check(outside.isEmpty(), "scores", "score-inside-scale",
                "scores " + outside + " lie outside the scale " + scale);
    }

    @EventSourcingHandler
    void on(SurveyCampaignOpened event) {
        year = event.year();
        criterionIds = event.criteria().stream().map(SealCriterion::id).toList();
        scale = event.scale();
        threshold = event.threshold();
    }

    @EventSourcingHandler
    void on(SurveySubmitted event) {
        submissions.put(event.buendnisId(), new Submission(event.scores(), event.activityLevel(), event.sufficient(),
                event.projektZukunftInterest(), event.channel()));
    }

    @EventSourcingHandler
    void on(SurveyAmended event) {
        submissions.put(event.buendnisId(), new Submission(event.scores(), event.activityLevel(), event.sufficient(),
                event.projektZukunftInterest(), event.channel()));
    }

    @EventSourcingHandler
    void on(SurveyAnswersImported event) {
        // the rows it took in are the submissions and amendments recorded beside it
    }

    @EventSourcingHandler
    void on(SurveyCampaignClosed event) {
        closed = true;
    }
}
