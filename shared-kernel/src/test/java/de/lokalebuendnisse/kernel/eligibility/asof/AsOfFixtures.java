package de.lokalebuendnisse.kernel.eligibility.asof;

import de.lokalebuendnisse.kernel.audit.AuditEvents;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.CriterionScore;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events of a 2024/25 season and its predecessor as the command side records them, handed to a {@link Recorder}
 * with the instants chosen by the test: the kernel's tests keep them in lists, the audit service's in an event store.
 */
public final class AsOfFixtures {

    public static final AwardPeriod P2024 = AwardPeriod.of("2024/25");
    public static final AwardPeriod P2023 = AwardPeriod.of("2023/24");
    public static final CampaignYear Y2024 = CampaignYear.of(2024);
    public static final BuendnisId HAMM = BuendnisId.of("hamm");
    public static final BuendnisId BREMEN = BuendnisId.of("bremen");
    public static final BuendnisId MUENSTER = BuendnisId.of("muenster");
    public static final BuendnisId ESSEN = BuendnisId.of("essen");
    public static final String SEAL_NAME = "Ausgezeichnetes Bündnis 2024/25";
    public static final BigDecimal THRESHOLD = new BigDecimal("3.00");
    public static final AwardCeremony DIALOG = new AwardCeremony(LocalDate.of(2024, 11, 22), "Berlin");
    public static final WerkstattScheduled WERKSTATT_HAMM = new WerkstattScheduled(P2024,
            WerkstattId.of("werkstatt-hamm-2024"), "West (Nordrhein-Westfalen, Rheinland-Pfalz, Saarland)", "Hamm",
            LocalDate.of(2024, 9, 12), WerkstattFormat.IN_PERSON);
    public static final String REPRESENTATIVE = "Caritasverband Hamm e. V.";

    private AsOfFixtures() {
    }

    public static AwardPeriodOpened opened(BuendnisId... previousHolders) {
        return new AwardPeriodOpened(P2024, Y2024, SEAL_NAME, DIALOG, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, P2023, List.of(previousHolders));
    }

    public static AwardPeriodOpened opened2023() {
        return new AwardPeriodOpened(P2023, CampaignYear.of(2023), "Ausgezeichnetes Bündnis 2023/24",
                new AwardCeremony(LocalDate.of(2023, 11, 24), "Berlin"), GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.NO_RENEWAL, AwardPeriod.of("2022/23"), List.of());
    }

    /** Three equally weighted criteria: a sum of 10 is 3,33 (sufficient at 3,00), a sum of 8 is 2,67 (not). */
    public static SurveyOutcome outcome(int scoreSum, boolean interest, long campaignSequence) {
        int first = scoreSum / 3;
        List<CriterionScore> scores = List.of(new CriterionScore("vernetzung", first),
                new CriterionScore("aktivitaeten", first), new CriterionScore("oeffentlichkeit", scoreSum - 2 * first));
        ActivityLevel level = ActivityLevel.of(scores);
        return new SurveyOutcome(Y2024, level, THRESHOLD, level.reaches(THRESHOLD), interest, SubmissionChannel.ONLINE,
                campaignSequence);
    }

    public static SurveyOutcomeRecorded surveyRecorded(BuendnisId id, SurveyOutcome outcome) {
        return new SurveyOutcomeRecorded(P2024, id, outcome);
    }

    public static WerkstattAttendance inHamm(AttendanceMode mode, String representative) {
        return new WerkstattAttendance(WERKSTATT_HAMM.werkstattId(), WERKSTATT_HAMM.region(), WERKSTATT_HAMM.place(),
                WERKSTATT_HAMM.date(), WERKSTATT_HAMM.format(), mode, representative);
    }

    public static WerkstattAttended attended(BuendnisId id, WerkstattAttendance attendance) {
        return new WerkstattAttended(P2024, id, attendance);
    }

    public static BuendnisStandingRecorded standing(BuendnisId id, BuendnisStatus status, long sourceSequence) {
        return new BuendnisStandingRecorded(P2024, id, status, sourceSequence);
    }

    public static SealGranted grantedViaSurvey(BuendnisId id, SurveyOutcome outcome, WerkstattAttendance attendance,
                                               boolean atCeremony) {
        return new SealGranted(P2024, id, SEAL_NAME, new GrantEvidence(GrantBasis.SURVEY,
                GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, outcome, attendance,
                null, BuendnisStatus.ACTIVE), atCeremony, DIALOG);
    }

    public static SealGranted renewed(BuendnisId id, WerkstattAttendance attendance) {
        return new SealGranted(P2024, id, SEAL_NAME, new GrantEvidence(GrantBasis.RENEWAL,
                GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, null, attendance,
                P2023, BuendnisStatus.ACTIVE), true, DIALOG);
    }

    public static SealGranted granted2023(BuendnisId id) {
        AwardPeriodOpened opened = opened2023();
        SurveyOutcome outcome = new SurveyOutcome(CampaignYear.of(2023), ActivityLevel.of(List.of(
                new CriterionScore("vernetzung", 4), new CriterionScore("aktivitaeten", 3))), THRESHOLD, true, true,
                SubmissionChannel.ONLINE, 7);
        WerkstattAttendance attendance = new WerkstattAttendance(WerkstattId.of("werkstatt-nuernberg-2023"),
                "Süd", "Nürnberg", LocalDate.of(2023, 9, 20), WerkstattFormat.IN_PERSON, AttendanceMode.SELF, null);
        return new SealGranted(P2023, id, opened.sealName(), new GrantEvidence(GrantBasis.SURVEY,
                GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.NO_RENEWAL, outcome, attendance, null,
                BuendnisStatus.ACTIVE), true, opened.ceremony());
    }

    public static AwardCeremonyHeld ceremonyHeld(BuendnisId... granted) {
        return new AwardCeremonyHeld(P2024, DIALOG, List.of(granted));
    }

    public static SealRevoked revoked(AwardPeriod period, BuendnisId id, GrantBasis basis) {
        return new SealRevoked(period, id, "Das Bündnis hat sich zum 30. Juni 2025 aufgelöst.", basis);
    }

    public static BuendnisProfile profile(String name, String place, Bundesland land, String ags) {
        return new BuendnisProfile(name, MunicipalityKey.of(ags), place, land, OrganisationForm.WORKING_GROUP,
                LocalDate.of(2005, 3, 15), null, Set.of(FieldOfAction.CHILD_CARE), Set.of());
    }

    public static BuendnisRegistered registered(BuendnisId id, BuendnisProfile profile) {
        return new BuendnisRegistered(id, profile);
    }

    public static BuendnisProfileUpdated renamed(BuendnisId id, BuendnisProfile before, String name) {
        BuendnisProfile after = new BuendnisProfile(name, before.municipalityKey(), before.place(), before.bundesland(),
                before.organisationForm(), before.foundedOn(), before.website(), before.fieldsOfAction(),
                before.futureTopics());
        return new BuendnisProfileUpdated(id, after, before, List.of("name"));
    }

    /**
     * A season, in the order recorded: three alliances registered; the 2023/24 seal granted to Münster and to Essen,
     * Essen's revoked in May 2024; the 2024/25 period opens with Münster as previous holder; Hamm's survey is
     * sufficient, Bremen's is not; Hamm (in person) and Münster attend the Werkstatt; Bremen pauses on 1 October and
     * resumes on 25 November, after the ceremony of 22 November granted Hamm (survey) and Münster (renewal); Hamm
     * is renamed in December; Hamm's seal is revoked on 3 July 2025.
     */
    public static <R extends Recorder> R season(R recorder) {
        BuendnisProfile hamm = profile("Lokales Bündnis für Familie Hamm", "Hamm", Bundesland.NW, "05915000");
        SurveyOutcome hammSurvey = outcome(10, true, 11);
        WerkstattAttendance hammAttendance = inHamm(AttendanceMode.SELF, null);
        WerkstattAttendance muensterAttendance = inHamm(AttendanceMode.REPRESENTATIVE, "Stadt Münster, Familienbüro");
        recorder
                .buendnis("2023-02-01T09:00:00Z", HAMM, registered(HAMM, hamm))
                .buendnis("2023-02-01T09:01:00Z", BREMEN, registered(BREMEN, profile(
                        "Bremer Bündnis für Familie", "Bremen", Bundesland.HB, "04011000")))
                .buendnis("2023-02-01T09:02:00Z", MUENSTER, registered(MUENSTER, profile(
                        "Münsteraner Bündnis für Familie", "Münster", Bundesland.NW, "05515000")))
                .seal("2023-03-01T08:00:00Z", opened2023())
                .seal("2023-11-24T10:00:00Z", granted2023(ESSEN))
                .seal("2023-11-24T10:00:01Z", granted2023(MUENSTER))
                .seal("2024-05-10T12:00:00Z", revoked(P2023, ESSEN, GrantBasis.SURVEY))
                .seal("2024-05-11T08:00:00Z", opened(MUENSTER))
                .seal("2024-06-03T08:00:00Z", WERKSTATT_HAMM)
                .seal("2024-07-01T10:00:00Z", surveyRecorded(HAMM, hammSurvey))
                .seal("2024-07-01T10:00:01Z", surveyRecorded(BREMEN, outcome(8, true, 12)))
                .seal("2024-09-12T15:00:00Z", attended(HAMM, hammAttendance))
                .seal("2024-09-12T15:01:00Z", attended(MUENSTER, muensterAttendance))
                .seal("2024-10-01T08:00:00Z", standing(BREMEN, BuendnisStatus.PAUSED, 1))
                // from the ceremony on, commands carry a verified access token: who granted and revoked is known
                .seal("2024-11-22T10:00:00Z", grantedViaSurvey(HAMM, hammSurvey, hammAttendance, true),
                        AuditEvents.ANNA.metaData())
                .seal("2024-11-22T10:00:00.001Z", renewed(MUENSTER, muensterAttendance), AuditEvents.ANNA.metaData())
                .seal("2024-11-22T10:00:00.002Z", ceremonyHeld(HAMM, MUENSTER))
                .seal("2024-11-25T08:00:00Z", standing(BREMEN, BuendnisStatus.ACTIVE, 2))
                .buendnis("2024-12-15T09:00:00Z", HAMM, renamed(HAMM, hamm, "Familienbündnis Hamm"))
                .seal("2025-07-03T08:00:00Z", revoked(P2024, HAMM, GrantBasis.SURVEY),
                        AuditEvents.PRUEFERIN.metaData());
        return recorder;
    }

    /**
     * Records events as the command side would, each stamped with the instant given. Without metadata given, an
     * event is recorded as before tokens were required: with a self-declared caller only.
     */
    public interface Recorder {

        /** Appends to the aggregate's stream, at the next sequence number, with the metadata given. */
        Recorder append(String instant, String aggregateId, Object payload, Map<String, String> metaData);

        default Recorder seal(String instant, Object payload) {
            return seal(instant, payload, AuditEvents.selfDeclared("servicebuero"));
        }

        default Recorder seal(String instant, Object payload, Map<String, String> metaData) {
            return append(instant, ((SealAwardEvent) payload).period().toString(), payload, metaData);
        }

        default Recorder buendnis(String instant, BuendnisId id, Object payload) {
            return append(instant, id.toString(), payload, AuditEvents.selfDeclared("crm"));
        }
    }
}
