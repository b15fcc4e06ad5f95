package de.lokalebuendnisse.kernel.eligibility.explanation;

import de.lokalebuendnisse.kernel.audit.ActingIdentity;
import de.lokalebuendnisse.kernel.audit.AuditEvents;
import de.lokalebuendnisse.kernel.eligibility.explanation.CriterionFact;
import de.lokalebuendnisse.kernel.eligibility.explanation.ExplainedCriterion;
import de.lokalebuendnisse.kernel.eligibility.explanation.Explanation;
import de.lokalebuendnisse.kernel.eligibility.explanation.ExplanationKind;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.eligibility.MissingCriterion;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantCriterion;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealEligibility;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.BREMEN;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.HAMM;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.MUENSTER;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.P2023;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.P2024;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.REPRESENTATIVE;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.SEAL_NAME;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.Y2024;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.grantedViaSurvey;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.inHamm;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.opened;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.outcome;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.renewed;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.revoked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The explanations of grants, renewals, revocations and decisions: structure and exact German sentences. */
class ExplanationsTest {

    private static final ActingIdentity ANNA = ActingIdentity.of(AuditEvents.ANNA.metaData());
    private static final ActingIdentity PRUEFERIN = ActingIdentity.of(AuditEvents.PRUEFERIN.metaData());

    private static final Instant CEREMONY = Instant.parse("2024-11-22T10:00:00Z");
    private static final Instant DAY_BEFORE = Instant.parse("2024-11-21T12:00:00Z"); // 13:00 in Berlin
    private static final SealEligibility.Rule OPEN_PERIOD = new SealEligibility.Rule(
            GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, Y2024, P2023, false);

    @Test
    void aGrantThroughTheSurveyNamesTheRuleAndEachCriterionWithItsFact() {
        SurveyOutcome survey = outcome(10, true, 11);
        WerkstattAttendance self = inHamm(AttendanceMode.SELF, null);

        Explanation explanation = Explanations.ofGrant(grantedViaSurvey(HAMM, survey, self, true), CEREMONY, ANNA);

        assertThat(explanation.kind()).isEqualTo(ExplanationKind.GRANT);
        assertThat(explanation.by()).as("who granted").isEqualTo(new ActingIdentity("Anna Schmidt",
                AuditEvents.ANNA.subject(), "servicebuero-portal", "staff"));
        assertThat(explanation.grantBy()).isNull();
        assertThat(explanation.rule()).isEqualTo(GrantRule.SURVEY_INTEREST_WERKSTATT_V1);
        assertThat(explanation.ruleVersion()).isEqualTo(1);
        assertThat(explanation.renewalRule()).isEqualTo(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
        assertThat(explanation.basis()).isEqualTo(GrantBasis.SURVEY);
        assertThat(explanation.at()).isEqualTo(CEREMONY);
        assertThat(explanation.grant().grantedAt()).isEqualTo(CEREMONY);
        assertThat(explanation.grant().atCeremony()).isTrue();
        assertThat(explanation.criteria()).extracting(ExplainedCriterion::criterion, ExplainedCriterion::met,
                ExplainedCriterion::required).containsExactly(
                tuple(GrantCriterion.PERIOD_OPEN, true, true),
                tuple(GrantCriterion.BUENDNIS_ACTIVE, true, true),
                tuple(GrantCriterion.SURVEY_SUFFICIENT, true, true),
                tuple(GrantCriterion.PROJEKT_ZUKUNFT_INTEREST, true, true),
                tuple(GrantCriterion.WERKSTATT_ATTENDED, true, true));
        CriterionFact level = explanation.criteria().get(2).fact();
        assertThat(level.activityLevel()).isEqualByComparingTo("3.33");
        assertThat(level.threshold()).isEqualByComparingTo("3.00");
        assertThat(level.surveyYear()).isEqualTo(Y2024);
        assertThat(level.channel()).isEqualTo(SubmissionChannel.ONLINE);
        assertThat(explanation.criteria().get(4).fact().attendance()).isEqualTo(self);
        assertThat(explanation.sentence()).isEqualTo("Siegel „Ausgezeichnetes Bündnis 2024/25“ über die Umfrage "
                + "erteilt nach Vergaberegel SURVEY_INTEREST_WERKSTATT_V1: Aktivitätsgrad 3,33 erreicht die Schwelle "
                + "3,00 der Umfrage 2024; Interesse an Projekt Zukunft erklärt; Teilnahme an der Zukunftswerkstatt in "
                + "Hamm am 12.09.2024 durch das Bündnis selbst; Bündnis aktiv. Verliehen beim Bündnisdialog am "
                + "22.11.2024 in Berlin.");
    }

    @Test
    void aSingleGrantThroughARepresentativeNamesItsOrganisationAndTheDayInBerlin() {
        WerkstattAttendance represented = inHamm(AttendanceMode.REPRESENTATIVE, REPRESENTATIVE);
        // 23:30 UTC on 24 November is already 25 November in Berlin
        Instant grantedAt = Instant.parse("2024-11-24T23:30:00Z");

        Explanation explanation = Explanations.ofGrant(grantedViaSurvey(HAMM, outcome(10, true, 11), represented,
                false), grantedAt, null);

        CriterionFact attendance = explanation.criteria().get(4).fact();
        assertThat(attendance.attendance().mode()).isEqualTo(AttendanceMode.REPRESENTATIVE);
        assertThat(attendance.attendance().representativeOrganisation()).isEqualTo(REPRESENTATIVE);
        assertThat(attendance.attendance().werkstattId().value()).isEqualTo("werkstatt-hamm-2024");
        assertThat(attendance.attendance().region()).startsWith("West");
        assertThat(attendance.attendance().place()).isEqualTo("Hamm");
        assertThat(attendance.attendance().date()).isEqualTo(LocalDate.of(2024, 9, 12));
        assertThat(attendance.attendance().format()).isEqualTo(WerkstattFormat.IN_PERSON);
        assertThat(explanation.sentence()).isEqualTo("Siegel „Ausgezeichnetes Bündnis 2024/25“ über die Umfrage "
                + "erteilt nach Vergaberegel SURVEY_INTEREST_WERKSTATT_V1: Aktivitätsgrad 3,33 erreicht die Schwelle "
                + "3,00 der Umfrage 2024; Interesse an Projekt Zukunft erklärt; Teilnahme an der Zukunftswerkstatt in "
                + "Hamm am 12.09.2024, vertreten durch Caritasverband Hamm e. V.; Bündnis aktiv. Einzeln erteilt am "
                + "25.11.2024, nicht im Rahmen des Bündnisdialogs.");
    }

    @Test
    void aRenewalNamesTheRenewalRuleAndThePreviousSealAndNeedsNoSurvey() {
        Explanation explanation = Explanations.ofGrant(renewed(MUENSTER, inHamm(AttendanceMode.SELF, null)),
                CEREMONY, null);

        assertThat(explanation.kind()).isEqualTo(ExplanationKind.RENEWAL);
        assertThat(explanation.basis()).isEqualTo(GrantBasis.RENEWAL);
        assertThat(explanation.criteria()).extracting(ExplainedCriterion::criterion, ExplainedCriterion::met,
                ExplainedCriterion::required).containsExactly(
                tuple(GrantCriterion.PERIOD_OPEN, true, true),
                tuple(GrantCriterion.BUENDNIS_ACTIVE, true, true),
                tuple(GrantCriterion.SURVEY_SUFFICIENT, false, false),
                tuple(GrantCriterion.PROJEKT_ZUKUNFT_INTEREST, false, false),
                tuple(GrantCriterion.WERKSTATT_ATTENDED, true, true),
                tuple(GrantCriterion.PREVIOUS_SEAL_HELD, true, true));
        CriterionFact previous = explanation.criteria().get(5).fact();
        assertThat(previous.previousPeriod()).isEqualTo(P2023);
        assertThat(previous.renewalRule()).isEqualTo(RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE);
        assertThat(explanation.sentence()).isEqualTo("Siegel „Ausgezeichnetes Bündnis 2024/25“ durch Verlängerung "
                + "erteilt nach Verlängerungsregel RENEW_BY_WERKSTATT_ATTENDANCE: Inhaber des Siegels 2023/24, dafür "
                + "genügt ohne Umfrage die Teilnahme an einer Zukunftswerkstatt der Periode; Teilnahme an der "
                + "Zukunftswerkstatt in Hamm am 12.09.2024 durch das Bündnis selbst; Bündnis aktiv. Verliehen beim "
                + "Bündnisdialog am 22.11.2024 in Berlin.");
    }

    @Test
    void aRefusalListsEveryMissingAndEveryMetCriterionWithTheReasonsARefusedGrantGives() {
        SealEligibility.Facts bremen = new SealEligibility.Facts(BuendnisStatus.PAUSED, outcome(8, true, 12), null,
                false, false, false);

        Explanation explanation = Explanations.ofDecision(P2024, BREMEN, SEAL_NAME, OPEN_PERIOD, bremen, DAY_BEFORE);

        assertThat(explanation.kind()).isEqualTo(ExplanationKind.REFUSAL);
        assertThat(explanation.by()).as("the rule decided, no one recorded it").isNull();
        assertThat(explanation.basis()).as("judged by the survey path").isEqualTo(GrantBasis.SURVEY);
        assertThat(explanation.at()).isEqualTo(DAY_BEFORE);
        assertThat(explanation.grant()).isNull();
        assertThat(explanation.missing()).isEqualTo(SealEligibility.decide(OPEN_PERIOD, bremen).missing().stream()
                .map(r -> new MissingCriterion(GrantCriterion.valueOf(r.rule()), r.detail())).toList());
        assertThat(explanation.criteria()).extracting(ExplainedCriterion::criterion, ExplainedCriterion::met,
                ExplainedCriterion::required).containsExactly(
                tuple(GrantCriterion.PERIOD_OPEN, true, true),
                tuple(GrantCriterion.BUENDNIS_ACTIVE, false, true),
                tuple(GrantCriterion.SURVEY_SUFFICIENT, false, true),
                tuple(GrantCriterion.PROJEKT_ZUKUNFT_INTEREST, true, true),
                tuple(GrantCriterion.WERKSTATT_ATTENDED, false, true),
                tuple(GrantCriterion.PREVIOUS_SEAL_HELD, false, false));
        assertThat(explanation.criteria().get(1).fact().status()).isEqualTo(BuendnisStatus.PAUSED);
        assertThat(explanation.criteria().get(2).fact().activityLevel()).isEqualByComparingTo("2.67");
        assertThat(explanation.criteria().get(4).fact().attendance()).isNull();
        assertThat(explanation.sentence()).isEqualTo("Stand 21.11.2024, 13:00 Uhr: Voraussetzungen für das Siegel "
                + "„Ausgezeichnetes Bündnis 2024/25“ nach Vergaberegel SURVEY_INTEREST_WERKSTATT_V1 nicht erfüllt. "
                + "Es fehlt: Bündnis pausiert; Aktivitätsgrad 2,67 liegt unter der Schwelle 3,00 der Umfrage 2024; "
                + "keine Teilnahme an einer Zukunftswerkstatt der Periode verzeichnet, weder selbst noch vertreten. "
                + "Erfüllt: Vergabeperiode offen; Interesse an Projekt Zukunft erklärt.");
    }

    @Test
    void aPreviousHolderWithoutAttendanceIsRefusedByTheRenewalPathWhichNeedsNoSurvey() {
        SealEligibility.Facts muenster = new SealEligibility.Facts(BuendnisStatus.ACTIVE, null, null, true, false,
                false);

        Explanation explanation = Explanations.ofDecision(P2024, MUENSTER, SEAL_NAME, OPEN_PERIOD, muenster,
                Instant.parse("2024-11-21T12:00:30Z"));

        assertThat(explanation.basis()).isEqualTo(GrantBasis.RENEWAL);
        assertThat(explanation.missing()).extracting(MissingCriterion::criterion)
                .containsExactly(GrantCriterion.WERKSTATT_ATTENDED);
        assertThat(explanation.criteria()).filteredOn(ExplainedCriterion::required)
                .extracting(ExplainedCriterion::criterion).containsExactly(GrantCriterion.PERIOD_OPEN,
                        GrantCriterion.BUENDNIS_ACTIVE, GrantCriterion.WERKSTATT_ATTENDED, GrantCriterion.PREVIOUS_SEAL_HELD);
        assertThat(explanation.sentence()).isEqualTo("Stand 21.11.2024, 13:00:30 Uhr: Voraussetzungen für das Siegel "
                + "„Ausgezeichnetes Bündnis 2024/25“ nach Verlängerungsregel RENEW_BY_WERKSTATT_ATTENDANCE nicht "
                + "erfüllt. Es fehlt: keine Teilnahme an einer Zukunftswerkstatt der Periode verzeichnet, weder selbst "
                + "noch vertreten. Erfüllt: Vergabeperiode offen; Bündnis aktiv; Inhaber des Siegels 2023/24.");
    }

    @Test
    void anEligibleAllianceIsExplainedByThePathThatMeetsTheRule() {
        SealEligibility.Facts muenster = new SealEligibility.Facts(BuendnisStatus.ACTIVE, null,
                inHamm(AttendanceMode.SELF, null), true, false, false);
        SealEligibility.Facts hamm = new SealEligibility.Facts(BuendnisStatus.ACTIVE, outcome(10, true, 11),
                inHamm(AttendanceMode.SELF, null), false, false, false);

        Explanation renewal = Explanations.ofDecision(P2024, MUENSTER, SEAL_NAME, OPEN_PERIOD, muenster, DAY_BEFORE);
        Explanation survey = Explanations.ofDecision(P2024, HAMM, SEAL_NAME, OPEN_PERIOD, hamm, DAY_BEFORE);

        assertThat(renewal.kind()).isEqualTo(ExplanationKind.ELIGIBLE);
        assertThat(renewal.missing()).isEmpty();
        assertThat(renewal.sentence()).isEqualTo("Stand 21.11.2024, 13:00 Uhr: Voraussetzungen für das Siegel "
                + "„Ausgezeichnetes Bündnis 2024/25“ durch Verlängerung nach Verlängerungsregel "
                + "RENEW_BY_WERKSTATT_ATTENDANCE erfüllt, noch nicht erteilt: Vergabeperiode offen; Bündnis aktiv; "
                + "Teilnahme an der Zukunftswerkstatt in Hamm am 12.09.2024 durch das Bündnis selbst; Inhaber des "
                + "Siegels 2023/24.");
        assertThat(survey.sentence()).isEqualTo("Stand 21.11.2024, 13:00 Uhr: Voraussetzungen für das Siegel "
                + "„Ausgezeichnetes Bündnis 2024/25“ über die Umfrage nach Vergaberegel SURVEY_INTEREST_WERKSTATT_V1 "
                + "erfüllt, noch nicht erteilt: Vergabeperiode offen; Bündnis aktiv; Aktivitätsgrad 3,33 erreicht die "
                + "Schwelle 3,00 der Umfrage 2024; Interesse an Projekt Zukunft erklärt; Teilnahme an der "
                + "Zukunftswerkstatt in Hamm am 12.09.2024 durch das Bündnis selbst.");
    }

    @Test
    void aClosedPeriodMissesBeingOpenAndASurveyNeverRecordedIsSaidSo() {
        SealEligibility.Rule closed = new SealEligibility.Rule(GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, Y2024, P2023, true);
        SealEligibility.Facts nothing = new SealEligibility.Facts(BuendnisStatus.ACTIVE, null,
                inHamm(AttendanceMode.SELF, null), false, false, false);

        Explanation explanation = Explanations.ofDecision(P2024, BREMEN, SEAL_NAME, closed, nothing, DAY_BEFORE);

        assertThat(explanation.missing()).extracting(MissingCriterion::criterion).containsExactly(
                GrantCriterion.PERIOD_OPEN, GrantCriterion.SURVEY_SUFFICIENT, GrantCriterion.PROJEKT_ZUKUNFT_INTEREST);
        assertThat(explanation.sentence()).isEqualTo("Stand 21.11.2024, 13:00 Uhr: Voraussetzungen für das Siegel "
                + "„Ausgezeichnetes Bündnis 2024/25“ nach Vergaberegel SURVEY_INTEREST_WERKSTATT_V1 nicht erfüllt. "
                + "Es fehlt: Vergabeperiode geschlossen; kein Ergebnis der Umfrage 2024 verzeichnet; kein Interesse an "
                + "Projekt Zukunft verzeichnet (es wird in der Umfrage erklärt). Erfüllt: Bündnis aktiv; Teilnahme an "
                + "der Zukunftswerkstatt in Hamm am 12.09.2024 durch das Bündnis selbst.");
    }

    @Test
    void aRevocationNamesTheGrantItRevokesItsRuleAndTheReason() {
        SealGranted grant = grantedViaSurvey(HAMM, outcome(10, true, 11), inHamm(AttendanceMode.SELF, null), true);
        Instant revokedAt = Instant.parse("2025-07-03T08:00:00Z");

        Explanation explanation = Explanations.ofRevocation(revoked(P2024, HAMM, GrantBasis.SURVEY), revokedAt,
                PRUEFERIN, grant, CEREMONY, ANNA, opened());

        assertThat(explanation.kind()).isEqualTo(ExplanationKind.REVOCATION);
        assertThat(explanation.by()).as("who revoked").isEqualTo(PRUEFERIN);
        assertThat(explanation.grantBy()).as("who granted what was revoked").isEqualTo(ANNA);
        assertThat(explanation.at()).isEqualTo(revokedAt);
        assertThat(explanation.revocation().reason()).isEqualTo("Das Bündnis hat sich zum 30. Juni 2025 aufgelöst.");
        assertThat(explanation.revocation().revokedAt()).isEqualTo(revokedAt);
        assertThat(explanation.grant().grantedAt()).isEqualTo(CEREMONY);
        assertThat(explanation.criteria()).as("what the revoked grant was based on")
                .isEqualTo(Explanations.ofGrant(grant, CEREMONY, ANNA).criteria());
        assertThat(explanation.sentence()).isEqualTo("Siegel „Ausgezeichnetes Bündnis 2024/25“ am 03.07.2025 entzogen, "
                + "erteilt am 22.11.2024 über die Umfrage nach Vergaberegel SURVEY_INTEREST_WERKSTATT_V1. Die Erteilung "
                + "bleibt in der Historie erhalten. Begründung: „Das Bündnis hat sich zum 30. Juni 2025 aufgelöst.“");
    }

    @Test
    void aRevokedRenewalNamesTheRenewalRule() {
        SealGranted grant = renewed(MUENSTER, inHamm(AttendanceMode.SELF, null));

        Explanation explanation = Explanations.ofRevocation(revoked(P2024, MUENSTER, GrantBasis.RENEWAL),
                Instant.parse("2025-01-10T10:00:00Z"), null, grant, CEREMONY, null, opened(MUENSTER));

        assertThat(explanation.basis()).isEqualTo(GrantBasis.RENEWAL);
        assertThat(explanation.by()).as("stored before tokens: no verified identity").isNull();
        assertThat(explanation.grantBy()).isNull();
        assertThat(explanation.sentence()).startsWith("Siegel „Ausgezeichnetes Bündnis 2024/25“ am 10.01.2025 "
                + "entzogen, erteilt am 22.11.2024 durch Verlängerung nach Verlängerungsregel "
                + "RENEW_BY_WERKSTATT_ATTENDANCE. ");
    }

    @Test
    void everyGrantRuleNamesItsVersion() {
        assertThat(Arrays.stream(GrantRule.values()).map(Explanations::versionOf).toList()).allMatch(v -> v >= 1);
        assertThat(Explanations.versionOf(GrantRule.SURVEY_INTEREST_WERKSTATT_V1)).isEqualTo(1);
    }
}
