package de.lokalebuendnisse.kernel.eligibility.asof;

import de.lokalebuendnisse.kernel.audit.ActingIdentity;
import de.lokalebuendnisse.kernel.audit.AuditEvents;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCounts;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.eligibility.MissingCriterion;
import de.lokalebuendnisse.kernel.eligibility.SealHolding;
import de.lokalebuendnisse.kernel.eligibility.explanation.Explanation;
import de.lokalebuendnisse.kernel.eligibility.explanation.ExplanationKind;
import de.lokalebuendnisse.kernel.eligibility.explanation.Explanations;
import de.lokalebuendnisse.kernel.eligibility.explanation.FindExplanationsQuery;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantCriterion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.BREMEN;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.ESSEN;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.HAMM;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.MUENSTER;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.P2023;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.P2024;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The as-of answers folded from the events of a season, recorded with chosen instants in lists and cut at the
 * instant asked as the audit service's reader cuts the event store's streams.
 */
class AwardStatesTest {

    private RecordedStreams streams = AsOfFixtures.season(new RecordedStreams());

    @Test
    void theDayBeforeTheCeremonyHammAndMuensterAreEligibleAndPausedBremenMissesBeingActive() {
        AwardStateAsOf state = asOf("2024-11-21T12:00:00Z");

        assertThat(state.at()).isEqualTo(Instant.parse("2024-11-21T12:00:00Z"));
        assertThat(state.period()).isEqualTo(P2024);
        assertThat(state.ceremonyHeld()).isFalse();
        assertThat(state.closed()).isFalse();
        assertThat(state.werkstaetten()).extracting(w -> w.werkstattId().value()).containsExactly("werkstatt-hamm-2024");
        assertThat(state.counts()).isEqualTo(new EligibilityCounts(2, 1, 0, 0, 3));
        assertThat(state.alliances()).extracting(a -> a.buendnisId().value())
                .as("ordered by id").containsExactly("bremen", "hamm", "muenster");

        AllianceAsOf hamm = alliance(state, HAMM);
        assertThat(hamm.status()).isEqualTo(EligibilityStatus.ELIGIBLE);
        assertThat(hamm.basis()).isEqualTo(GrantBasis.SURVEY);
        assertThat(hamm.name()).isEqualTo("Lokales Bündnis für Familie Hamm");
        assertThat(hamm.bundesland()).isEqualTo(Bundesland.NW);
        assertThat(hamm.criteria().surveySufficient().activityLevel()).isEqualByComparingTo("3.33");
        assertThat(hamm.criteria().surveySufficient().threshold()).isEqualByComparingTo("3.00");
        assertThat(hamm.criteria().werkstattAttended().date()).isEqualTo(LocalDate.of(2024, 9, 12));
        assertThat(hamm.criteria().werkstattAttended().mode()).isEqualTo(AttendanceMode.SELF);
        assertThat(hamm.grant()).isNull();
        assertThat(hamm.explanation().kind()).isEqualTo(ExplanationKind.ELIGIBLE);

        AllianceAsOf muenster = alliance(state, MUENSTER);
        assertThat(muenster.status()).isEqualTo(EligibilityStatus.ELIGIBLE);
        assertThat(muenster.basis()).isEqualTo(GrantBasis.RENEWAL);
        assertThat(muenster.criteria().previousSeal().held()).isTrue();
        assertThat(muenster.criteria().werkstattAttended().representativeOrganisation())
                .isEqualTo("Stadt Münster, Familienbüro");

        AllianceAsOf bremen = alliance(state, BREMEN);
        assertThat(bremen.status()).isEqualTo(EligibilityStatus.MISSING);
        assertThat(bremen.basis()).isNull();
        assertThat(bremen.missing()).extracting(MissingCriterion::criterion).containsExactly(
                GrantCriterion.BUENDNIS_ACTIVE, GrantCriterion.SURVEY_SUFFICIENT, GrantCriterion.WERKSTATT_ATTENDED);
        assertThat(bremen.criteria().buendnisActive().status()).isEqualTo(BuendnisStatus.PAUSED);
        assertThat(bremen.criteria().projektZukunftInterest().met()).isTrue();
        assertThat(bremen.explanation().kind()).isEqualTo(ExplanationKind.REFUSAL);
        assertThat(bremen.explanation().missing()).isEqualTo(bremen.missing());
    }

    @Test
    void eligibleAtOneInstantIsGrantedAtALaterOne() {
        AllianceAsOf before = alliance(asOf("2024-11-22T09:59:59.999Z"), HAMM);
        AllianceAsOf after = alliance(asOf("2024-11-22T10:00:00Z"), HAMM);

        assertThat(before.status()).isEqualTo(EligibilityStatus.ELIGIBLE);
        assertThat(before.grant()).isNull();
        assertThat(after.status()).as("the grant's own instant counts").isEqualTo(EligibilityStatus.GRANTED);
        assertThat(after.basis()).isEqualTo(GrantBasis.SURVEY);
        assertThat(after.grant().grantedAt()).isEqualTo(Instant.parse("2024-11-22T10:00:00Z"));
        assertThat(after.grant().atCeremony()).isTrue();
        assertThat(after.explanation().kind()).isEqualTo(ExplanationKind.GRANT);
        assertThat(after.explanation().by().role()).isEqualTo("staff");
        assertThat(after.explanation().by().subject()).isEqualTo(AuditEvents.ANNA.subject());
        assertThat(after.explanation().at()).isEqualTo(Instant.parse("2024-11-22T10:00:00Z"));
    }

    @Test
    void aPauseBeforeTheInstantCountsAndAResumptionAfterItDoesNot() {
        AllianceAsOf beforePause = alliance(asOf("2024-09-30T12:00:00Z"), BREMEN);
        AllianceAsOf paused = alliance(asOf("2024-11-24T23:59:59Z"), BREMEN);
        AllianceAsOf resumed = alliance(asOf("2024-11-25T08:00:00Z"), BREMEN);

        assertThat(beforePause.missing()).extracting(MissingCriterion::criterion)
                .doesNotContain(GrantCriterion.BUENDNIS_ACTIVE);
        assertThat(paused.missing()).extracting(MissingCriterion::criterion)
                .contains(GrantCriterion.BUENDNIS_ACTIVE);
        assertThat(paused.criteria().buendnisActive().status()).isEqualTo(BuendnisStatus.PAUSED);
        assertThat(resumed.missing()).extracting(MissingCriterion::criterion)
                .containsExactly(GrantCriterion.SURVEY_SUFFICIENT, GrantCriterion.WERKSTATT_ATTENDED);
    }

    @Test
    void aRevocationAfterTheInstantDoesNotCount() {
        AwardStateAsOf beforeRevocation = asOf("2025-07-03T07:59:59Z");
        AwardStateAsOf afterRevocation = asOf("2025-07-03T08:00:00Z");

        assertThat(alliance(beforeRevocation, HAMM).status()).isEqualTo(EligibilityStatus.GRANTED);
        assertThat(alliance(beforeRevocation, HAMM).revocation()).isNull();
        assertThat(holders(beforeRevocation, P2024)).containsExactly(HAMM, MUENSTER);

        AllianceAsOf revoked = alliance(afterRevocation, HAMM);
        assertThat(revoked.status()).isEqualTo(EligibilityStatus.REVOKED);
        assertThat(revoked.revocation().revokedAt()).isEqualTo(Instant.parse("2025-07-03T08:00:00Z"));
        assertThat(revoked.grant().grantedAt()).as("the grant stays").isEqualTo(Instant.parse("2024-11-22T10:00:00Z"));
        assertThat(revoked.explanation().kind()).isEqualTo(ExplanationKind.REVOCATION);
        assertThat(revoked.explanation().by()).as("who revoked, from the revocation's metadata")
                .isEqualTo(new ActingIdentity("Petra Prüfer", "9e7b2c11-pruefer", "ministerium-portal", "admin"));
        assertThat(revoked.explanation().grantBy()).as("who granted, from the grant's metadata")
                .isEqualTo(ActingIdentity.of(AuditEvents.ANNA.metaData()));
        assertThat(holders(afterRevocation, P2024)).containsExactly(MUENSTER);
        assertThat(afterRevocation.counts()).isEqualTo(new EligibilityCounts(0, 1, 1, 1, 3));
    }

    @Test
    void aPreviousHolderRenewsAtTheCeremonyByAttendingTheWerkstattThroughARepresentative() {
        AllianceAsOf muenster = alliance(asOf("2024-12-01T00:00:00Z"), MUENSTER);

        assertThat(muenster.status()).isEqualTo(EligibilityStatus.GRANTED);
        assertThat(muenster.basis()).isEqualTo(GrantBasis.RENEWAL);
        assertThat(muenster.criteria().surveySufficient().recorded()).as("renewed without survey").isFalse();
        assertThat(muenster.explanation().kind()).isEqualTo(ExplanationKind.RENEWAL);
        assertThat(muenster.explanation().basis()).isEqualTo(GrantBasis.RENEWAL);
    }

    @Test
    void theSealsHeldAreEveryPeriodsGrantsMinusRevocationsUpToTheInstant() {
        AwardStateAsOf beforeEssenLostIt = asOf(P2023, Instant.parse("2024-05-10T11:59:59Z")).orElseThrow();
        AwardStateAsOf atOpening = asOf("2024-05-11T08:00:00Z");
        AwardStateAsOf afterCeremony = asOf("2024-12-01T00:00:00Z");

        assertThat(beforeEssenLostIt.sealsHeld()).extracting(SealHolding::period, SealHolding::buendnisId)
                .containsExactly(tuple(P2023, ESSEN), tuple(P2023, MUENSTER));
        assertThat(atOpening.sealsHeld()).extracting(SealHolding::period, SealHolding::buendnisId)
                .containsExactly(tuple(P2023, MUENSTER));
        assertThat(afterCeremony.sealsHeld()).extracting(SealHolding::period, SealHolding::buendnisId)
                .containsExactly(tuple(P2023, MUENSTER), tuple(P2024, HAMM), tuple(P2024, MUENSTER));
        SealHolding renewal = afterCeremony.sealsHeld().get(2);
        assertThat(renewal.basis()).isEqualTo(GrantBasis.RENEWAL);
        assertThat(renewal.grantedAt()).isEqualTo(Instant.parse("2024-11-22T10:00:00.001Z"));
        assertThat(renewal.sealName()).isEqualTo("Ausgezeichnetes Bündnis 2024/25");
        assertThat(renewal.atCeremony()).isTrue();
        assertThat(renewal.validThrough()).isEqualTo(2025);
    }

    @Test
    void namesComeFromTheAlliancesOwnStreamUpToTheInstant() {
        assertThat(alliance(asOf("2024-12-14T00:00:00Z"), HAMM).name()).isEqualTo("Lokales Bündnis für Familie Hamm");
        assertThat(alliance(asOf("2024-12-16T00:00:00Z"), HAMM).name()).isEqualTo("Familienbündnis Hamm");
    }

    @Test
    void anAllianceRegisteredOnlyLaterIsShownWithoutName() {
        streams = new RecordedStreams();
        streams
                .seal("2024-05-11T08:00:00Z", AsOfFixtures.opened())
                .seal("2024-07-01T10:00:00Z", AsOfFixtures.surveyRecorded(HAMM, AsOfFixtures.outcome(10, true, 1)))
                .buendnis("2024-08-01T10:00:00Z", HAMM, AsOfFixtures.registered(HAMM, AsOfFixtures.profile(
                        "Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000")));

        AllianceAsOf hamm = alliance(asOf("2024-07-15T00:00:00Z"), HAMM);

        assertThat(hamm.name()).isNull();
        assertThat(hamm.bundesland()).isNull();
        assertThat(hamm.missing()).extracting(MissingCriterion::criterion)
                .containsExactly(GrantCriterion.WERKSTATT_ATTENDED);
    }

    @Test
    void aPeriodNotYetOpenedAtTheInstantHasNoAnswer() {
        assertThat(asOf(P2024, Instant.parse("2024-05-11T07:59:59.999Z"))).isEmpty();
        assertThat(asOf(AwardPeriod.of("2029/30"), Instant.parse("2030-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void theGrantExplainedAsOfEqualsTheOneTheExplanationsListGives() {
        Instant end = Instant.parse("2025-07-04T00:00:00Z");

        AwardStateAsOf state = asOf(end.toString());
        List<Explanation> listed = Explanations.ofPeriod(new FindExplanationsQuery(P2024, null),
                streams.upTo(P2024.toString(), end), streams.considered(P2024.toString(), end)).orElseThrow()
                .explanations();

        assertThat(listed).extracting(e -> e.kind(), e -> e.buendnisId()).containsExactly(
                tuple(ExplanationKind.GRANT, HAMM),
                tuple(ExplanationKind.RENEWAL, MUENSTER),
                tuple(ExplanationKind.REVOCATION, HAMM));
        assertThat(alliance(state, MUENSTER).explanation()).isEqualTo(listed.get(1));
        assertThat(alliance(state, HAMM).explanation()).isEqualTo(listed.get(2));
    }

    @Test
    void aStreamThatDoesNotStartWithItsOpeningIsNoStreamTheAggregateWrote() {
        streams = new RecordedStreams();
        streams.seal("2024-05-11T08:00:00Z", AsOfFixtures.surveyRecorded(HAMM, AsOfFixtures.outcome(10, true, 1)));

        assertThatThrownBy(() -> asOf("2024-06-01T00:00:00Z"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SurveyOutcomeRecorded at sequence 0");
    }

    private AwardStateAsOf asOf(String at) {
        return asOf(P2024, Instant.parse(at)).orElse(null);
    }

    /** As the audit service's reader asks: every stream cut at the instant. */
    private Optional<AwardStateAsOf> asOf(AwardPeriod period, Instant at) {
        return AwardStates.asOf(new FindAwardStateAsOfQuery(at, period), streams.upTo(period.toString(), at),
                streams.considered(period.toString(), at), alliance -> streams.upTo(alliance.toString(), at),
                otherPeriod -> streams.upTo(otherPeriod.toString(), at));
    }

    private static AllianceAsOf alliance(AwardStateAsOf state, BuendnisId id) {
        Map<BuendnisId, AllianceAsOf> byId = state.alliances().stream()
                .collect(Collectors.toMap(AllianceAsOf::buendnisId, Function.identity()));
        assertThat(byId).containsKey(id);
        return byId.get(id);
    }

    private static List<BuendnisId> holders(AwardStateAsOf state, AwardPeriod period) {
        return state.sealsHeld().stream().filter(s -> s.period().equals(period)).map(SealHolding::buendnisId).toList();
    }
}
