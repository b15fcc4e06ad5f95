package de.lokalebuendnisse.kernel.eligibility.explanation;

import de.lokalebuendnisse.kernel.audit.ActingIdentity;
import de.lokalebuendnisse.kernel.audit.AuditReasons;
import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.GrantedSeal;
import de.lokalebuendnisse.kernel.eligibility.MissingCriterion;
import de.lokalebuendnisse.kernel.eligibility.RevokedSeal;
import de.lokalebuendnisse.kernel.fold.RecordedEvent;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantCriterion;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealEligibility;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.survey.CampaignYear;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The explanation of a grant, a renewal, a revocation, or of what the rule says of an alliance at an instant:
 * structured (rule and version, each criterion with its fact) and as a German sentence (words from
 * {@link AuditReasons}, so they read as in the audit history). Pure: built only from recorded events and the facts
 * folded from them, so a replay years later explains alike.
 */
public final class Explanations {

    private static final Pattern VERSION = Pattern.compile("_V(\\d+)$");

    private Explanations() {
    }

    /**
     * The explanations of every grant, renewal and revocation in a period's stream, in stream order; each revocation
     * with the grant it revoked.
     *
     * @param stream     the period's stream from sequence 0, cut at the query's instant
     * @param considered which events of it those are, for the answer to name
     * @return empty when the stream holds no opening (the period had not been opened by then)
     */
    public static Optional<PeriodExplanations> ofPeriod(FindExplanationsQuery query, List<RecordedEvent> stream,
                                                        EventsConsidered considered) {
        AwardPeriodOpened opening = null;
        Map<BuendnisId, RecordedEvent> grants = new HashMap<>();
        List<Explanation> explanations = new ArrayList<>();
        for (RecordedEvent recorded : stream) {
            Object payload = recorded.payload();
            if (payload instanceof AwardPeriodOpened e) {
                opening = e;
            } else if (payload instanceof SealGranted e) {
                grants.put(e.buendnisId(), recorded);
                explanations.add(ofGrant(e, recorded.timestamp(), recorded.by()));
            } else if (payload instanceof SealRevoked e) {
                RecordedEvent grant = grants.get(e.buendnisId());
                explanations.add(ofRevocation(e, recorded.timestamp(), recorded.by(),
                        grant == null ? null : (SealGranted) grant.payload(), grant == null ? null : grant.timestamp(),
                        grant == null ? null : grant.by(), opening));
            }
        }
        if (opening == null) {
            return Optional.empty();
        }
        return Optional.of(new PeriodExplanations(query.period(), opening.sealName(), query.at(), considered,
                explanations));
    }

    /**
     * A grant through the survey (GRANT) or by renewal (RENEWAL), from the evidence it recorded.
     *
     * @param grantedBy who recorded it; null when its event carries no verified identity
     */
    public static Explanation ofGrant(SealGranted grant, Instant grantedAt, ActingIdentity grantedBy) {
        GrantEvidence evidence = grant.evidence();
        ExplanationKind kind = evidence.basis() == GrantBasis.RENEWAL ? ExplanationKind.RENEWAL : ExplanationKind.GRANT;
        return new Explanation(kind, grant.period(), grant.buendnisId(), grant.sealName(), grantedAt, evidence.rule(),
                versionOf(evidence.rule()), evidence.renewalRule(), evidence.basis(), criteriaOf(evidence), List.of(),
                grantedSeal(grant, grantedAt), null, AuditReasons.grantExplained(grant, grantedAt), grantedBy, null);
    }

    /**
     * A revocation with the grant it revoked; the criteria are those the revoked grant was based on.
     *
     * @param grant   the revoked grant as recorded; null only if the stream lacks it (the aggregate revokes nothing
     *                it did not grant), then the opening names the rules
     * @param opening the period's opening
     * @param revokedBy who recorded the revocation, {@code grantedBy} the grant; null when the event carries no
     *                  verified identity
     */
    public static Explanation ofRevocation(SealRevoked revocation, Instant revokedAt, ActingIdentity revokedBy,
                                           SealGranted grant, Instant grantedAt, ActingIdentity grantedBy,
                                           AwardPeriodOpened opening) {
        GrantRule rule = grant == null ? opening.grantRule() : grant.evidence().rule();
        RenewalRule renewalRule = grant == null ? opening.renewalRule() : grant.evidence().renewalRule();
        return new Explanation(ExplanationKind.REVOCATION, revocation.period(), revocation.buendnisId(),
                grant == null ? opening.sealName() : grant.sealName(), revokedAt, rule, versionOf(rule), renewalRule,
                revocation.grantBasis(), grant == null ? List.of() : criteriaOf(grant.evidence()), List.of(),
                grant == null ? null : grantedSeal(grant, grantedAt), new RevokedSeal(revocation.reason(), revokedAt),
                AuditReasons.revocationExplained(revocation, revokedAt, grant, grantedAt), revokedBy,
                grant == null ? null : grantedBy);
    }

    /**
     * What the period's rule says at {@code at} of an alliance with these facts: ELIGIBLE (with the path that meets
     * it) or REFUSAL (every missing criterion with the reason a refused grant gives, and every met one). The
     * decision is {@link SealEligibility#decide}'s; a required criterion counts as met exactly when the decision
     * does not name it missing.
     */
    public static Explanation ofDecision(AwardPeriod period, BuendnisId buendnisId, String sealName,
                                         SealEligibility.Rule rule, SealEligibility.Facts facts, Instant at) {
        SealEligibility.Decision decision = SealEligibility.decide(rule, facts);
        boolean renewalApplies = rule.renewalRule() == RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE
                && facts.previousSealHeld();
        GrantBasis path = decision.eligible() ? decision.evidence().basis()
                : renewalApplies ? GrantBasis.RENEWAL : GrantBasis.SURVEY;
        boolean byRenewal = path == GrantBasis.RENEWAL;
        Set<String> missing = decision.missing().stream().map(reason -> reason.rule()).collect(Collectors.toSet());
        SurveyOutcome survey = facts.survey();
        CampaignYear year = rule.surveyYear();

        List<ExplainedCriterion> criteria = new ArrayList<>();
        criteria.add(required(GrantCriterion.PERIOD_OPEN, missing, CriterionFact.period(!rule.periodClosed()),
                AuditReasons.periodOpen(!rule.periodClosed())));
        criteria.add(required(GrantCriterion.BUENDNIS_ACTIVE, missing, CriterionFact.standing(facts.status()),
                AuditReasons.standing(facts.status())));
        if (facts.granted()) {
            criteria.add(required(GrantCriterion.NOT_YET_GRANTED, missing, null, AuditReasons.alreadyGranted()));
        }
        if (facts.revoked()) {
            criteria.add(required(GrantCriterion.NOT_REVOKED_IN_PERIOD, missing, null, AuditReasons.revokedInPeriod()));
        }
        CriterionFact level = survey == null ? CriterionFact.survey(year, null, null, null)
                : CriterionFact.survey(survey.year(), survey.activityLevel().mean(), survey.threshold(), survey.channel());
        CriterionFact interest = CriterionFact.interest(survey == null ? year : survey.year(),
                survey == null ? null : survey.projektZukunftInterest());
        String levelText = AuditReasons.surveyLevel(survey, year);
        String interestText = AuditReasons.surveyInterest(survey);
        if (byRenewal) {
            criteria.add(new ExplainedCriterion(GrantCriterion.SURVEY_SUFFICIENT, survey != null && survey.sufficient(),
                    false, level, levelText));
            criteria.add(new ExplainedCriterion(GrantCriterion.PROJEKT_ZUKUNFT_INTEREST,
                    survey != null && survey.projektZukunftInterest(), false, interest, interestText));
        } else {
            criteria.add(required(GrantCriterion.SURVEY_SUFFICIENT, missing, level, levelText));
            criteria.add(required(GrantCriterion.PROJEKT_ZUKUNFT_INTEREST, missing, interest, interestText));
        }
        criteria.add(required(GrantCriterion.WERKSTATT_ATTENDED, missing, CriterionFact.attendance(facts.firstAttendance()),
                AuditReasons.werkstattAttendance(facts.firstAttendance())));
        if (rule.previousPeriod() != null) {
            criteria.add(new ExplainedCriterion(GrantCriterion.PREVIOUS_SEAL_HELD, facts.previousSealHeld(), byRenewal,
                    CriterionFact.previousSeal(rule.previousPeriod(), facts.previousSealHeld(), rule.renewalRule()),
                    AuditReasons.previousSeal(facts.previousSealHeld(), rule.previousPeriod())));
        }

        List<String> missingWords = criteria.stream().filter(c -> c.required() && !c.met())
                .map(ExplainedCriterion::text).toList();
        List<String> metWords = criteria.stream().filter(c -> c.required() && c.met())
                .map(ExplainedCriterion::text).toList();
        List<MissingCriterion> missingCriteria = decision.missing().stream()
                .map(reason -> new MissingCriterion(GrantCriterion.valueOf(reason.rule()), reason.detail()))
                .toList();
        return new Explanation(decision.eligible() ? ExplanationKind.ELIGIBLE : ExplanationKind.REFUSAL, period,
                buendnisId, sealName, at, rule.grantRule(), versionOf(rule.grantRule()), rule.renewalRule(), path,
                criteria, missingCriteria, null, null, AuditReasons.decisionExplained(at, sealName, path,
                rule.grantRule(), rule.renewalRule(), missingWords, metWords), null, null);
    }

    /** The version a rule's name carries ({@code …_V1} is 1): a changed rule gets a new constant, never an edit. */
    public static int versionOf(GrantRule rule) {
        Matcher matcher = VERSION.matcher(rule.name());
        if (!matcher.find()) {
            throw new IllegalStateException("grant rule " + rule + " does not name its version (…_V<n>)");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /**
     * The criteria a grant's evidence names. Whether a survey grantee held the previous seal is not part of its
     * evidence, so the previous seal is listed for renewals only.
     */
    private static List<ExplainedCriterion> criteriaOf(GrantEvidence evidence) {
        boolean renewal = evidence.basis() == GrantBasis.RENEWAL;
        SurveyOutcome survey = evidence.survey();
        List<ExplainedCriterion> criteria = new ArrayList<>();
        // a grant is recorded only while the period is open
        criteria.add(new ExplainedCriterion(GrantCriterion.PERIOD_OPEN, true, true, CriterionFact.period(true),
                AuditReasons.periodOpen(true)));
        criteria.add(new ExplainedCriterion(GrantCriterion.BUENDNIS_ACTIVE, evidence.status() == BuendnisStatus.ACTIVE,
                true, CriterionFact.standing(evidence.status()), AuditReasons.standing(evidence.status())));
        criteria.add(new ExplainedCriterion(GrantCriterion.SURVEY_SUFFICIENT, survey != null && survey.sufficient(),
                !renewal, survey == null ? null : CriterionFact.survey(survey.year(), survey.activityLevel().mean(),
                survey.threshold(), survey.channel()), AuditReasons.surveyLevel(survey, null)));
        criteria.add(new ExplainedCriterion(GrantCriterion.PROJEKT_ZUKUNFT_INTEREST,
                survey != null && survey.projektZukunftInterest(), !renewal,
                survey == null ? null : CriterionFact.interest(survey.year(), survey.projektZukunftInterest()),
                AuditReasons.surveyInterest(survey)));
        criteria.add(new ExplainedCriterion(GrantCriterion.WERKSTATT_ATTENDED, evidence.attendance() != null, true,
                CriterionFact.attendance(evidence.attendance()), AuditReasons.werkstattAttendance(evidence.attendance())));
        if (renewal) {
            criteria.add(new ExplainedCriterion(GrantCriterion.PREVIOUS_SEAL_HELD, true, true,
                    CriterionFact.previousSeal(evidence.previousPeriod(), true, evidence.renewalRule()),
                    AuditReasons.previousSeal(true, evidence.previousPeriod())));
        }
        return criteria;
    }

    private static ExplainedCriterion required(GrantCriterion criterion, Set<String> missing, CriterionFact fact,
                                               String text) {
        return new ExplainedCriterion(criterion, !missing.contains(criterion.name()), true, fact, text);
    }

    private static GrantedSeal grantedSeal(SealGranted grant, Instant grantedAt) {
        return new GrantedSeal(grant.sealName(), grant.evidence().basis(), grant.atCeremony(), grant.ceremony(),
                grantedAt);
    }
}
