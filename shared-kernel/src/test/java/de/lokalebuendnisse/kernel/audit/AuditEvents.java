package de.lokalebuendnisse.kernel.audit;

import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.AnswerScale;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.CriterionScore;
import de.lokalebuendnisse.kernel.survey.ParticipationBasis;
import de.lokalebuendnisse.kernel.survey.SealCriterion;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SurveyAmended;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignClosed;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignOpened;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The events of a 2024/25 season as the command side records them, for the audit tests. */
public final class AuditEvents {

    public static final CampaignYear Y2024 = CampaignYear.of(2024);
    public static final AwardPeriod P2024 = AwardPeriod.of("2024/25");
    public static final AwardPeriod P2023 = AwardPeriod.of("2023/24");
    public static final BuendnisId HAMM = BuendnisId.of("hamm");
    public static final BuendnisId BREMEN = BuendnisId.of("bremen");
    public static final BigDecimal THRESHOLD = new BigDecimal("3.00");
    public static final String SEAL_NAME = "Ausgezeichnetes Bündnis 2024/25";
    public static final AwardCeremony DIALOG = new AwardCeremony(LocalDate.of(2024, 11, 22), "Berlin");
    public static final List<SealCriterion> CRITERIA = List.of(
            new SealCriterion("vernetzung", "Vernetzung und Partnerschaften"),
            new SealCriterion("aktivitaeten", "Aktivitäten und Projekte"),
            new SealCriterion("oeffentlichkeit", "Öffentlichkeitsarbeit"));

    /**
     * Who caused an event, as its metadata names them since every command needs a verified access token: the
     * display name, the token's subject and client, and the role the command was admitted under. Events stored
     * before carry only a self-declared {@code caller} ({@link #selfDeclared}); the tests keep both, the store has
     * both.
     */
    public record Caller(String name, String subject, String client, String role) {

        /** The metadata under the keys the command side writes (the platform's {@code MetadataKeys.IDENTITY}). */
        public Map<String, String> metaData() {
            Map<String, String> metaData = new LinkedHashMap<>();
            metaData.put("caller", name);
            metaData.put("callerSubject", subject);
            metaData.put("callerClient", client);
            metaData.put("callerRole", role);
            return metaData;
        }

        /** The metadata as alternating keys and values, followed by {@code more} of them. */
        public String[] keyValues(String... more) {
            List<String> all = new java.util.ArrayList<>();
            metaData().forEach((key, value) -> {
                all.add(key);
                all.add(value);
            });
            all.addAll(List.of(more));
            return all.toArray(String[]::new);
        }
    }

    /** A member of the Servicebüro, signed in through its portal. */
    public static final Caller ANNA = new Caller("Anna Schmidt", "5d1c8e2a-7f40-4b6e-9c1d-anna", "servicebuero-portal",
            "staff");
    /** The CRM, a machine client with a service account. */
    public static final Caller CRM = new Caller("crm", "service-account-crm", "crm", "service");
    /** The survey tool, a machine client. */
    public static final Caller SURVEY_TOOL = new Caller("survey-tool", "service-account-survey-tool", "survey-tool",
            "service");
    /** An administrator of the ministry's audit office. */
    public static final Caller PRUEFERIN = new Caller("Petra Prüfer", "9e7b2c11-pruefer", "ministerium-portal",
            "admin");

    /** The metadata of an event stored before tokens were required: only the name the caller declared. */
    public static Map<String, String> selfDeclared(String caller) {
        return Map.of("caller", caller);
    }

    private AuditEvents() {
    }

    public static SurveyCampaignOpened campaignOpened() {
        return new SurveyCampaignOpened(Y2024, "Bündnisumfrage 2024", CRITERIA, new AnswerScale(0, 4), THRESHOLD,
                LocalDate.of(2024, 4, 15), LocalDate.of(2024, 6, 30));
    }

    public static List<CriterionScore> scores(int... values) {
        return List.of(new CriterionScore("vernetzung", values[0]), new CriterionScore("aktivitaeten", values[1]),
                new CriterionScore("oeffentlichkeit", values[2]));
    }

    public static SurveySubmitted submitted(BuendnisId buendnisId, boolean interest, int... values) {
        List<CriterionScore> scores = scores(values);
        ActivityLevel level = ActivityLevel.of(scores);
        return new SurveySubmitted(Y2024, buendnisId, scores, level, THRESHOLD, level.reaches(THRESHOLD), interest,
                SubmissionChannel.ONLINE, new ParticipationBasis(BuendnisStatus.ACTIVE, P2023, false));
    }

    public static SurveyAmended amended(BuendnisId buendnisId, int[] before, int... values) {
        ActivityLevel previous = ActivityLevel.of(scores(before));
        List<CriterionScore> scores = scores(values);
        ActivityLevel level = ActivityLevel.of(scores);
        return new SurveyAmended(Y2024, buendnisId, scores, level, THRESHOLD, level.reaches(THRESHOLD), true,
                SubmissionChannel.INTERVIEW, previous, previous.reaches(THRESHOLD));
    }

    public static SurveyCampaignClosed campaignClosed() {
        return new SurveyCampaignClosed(Y2024, 80, 31);
    }

    public static AwardPeriodOpened periodOpened() {
        return new AwardPeriodOpened(P2024, Y2024, SEAL_NAME, DIALOG, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, P2023, List.of(HAMM, BuendnisId.of("muenster")));
    }

    public static WerkstattScheduled werkstattHamm() {
        return new WerkstattScheduled(P2024, WerkstattId.of("werkstatt-hamm-2024"),
                "West (Nordrhein-Westfalen, Rheinland-Pfalz, Saarland)", "Hamm", LocalDate.of(2024, 9, 12),
                WerkstattFormat.IN_PERSON);
    }

    public static WerkstattAttendance inHamm(AttendanceMode mode, String representative) {
        WerkstattScheduled werkstatt = werkstattHamm();
        return new WerkstattAttendance(werkstatt.werkstattId(), werkstatt.region(), werkstatt.place(),
                werkstatt.date(), werkstatt.format(), mode, representative);
    }

    public static WerkstattAttended attended(BuendnisId buendnisId, WerkstattAttendance attendance) {
        return new WerkstattAttended(P2024, buendnisId, attendance);
    }

    public static SurveyOutcome outcome(SurveySubmitted submitted, long campaignSequence) {
        return new SurveyOutcome(submitted.year(), submitted.activityLevel(), submitted.threshold(),
                submitted.sufficient(), submitted.projektZukunftInterest(), submitted.channel(), campaignSequence);
    }

    public static SealGranted grantedViaSurvey(BuendnisId buendnisId, SurveyOutcome outcome, WerkstattAttendance attendance,
                                        boolean atCeremony) {
        return new SealGranted(P2024, buendnisId, SEAL_NAME, new GrantEvidence(GrantBasis.SURVEY,
                GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, outcome,
                attendance, null, BuendnisStatus.ACTIVE), atCeremony, DIALOG);
    }

    public static AwardCeremonyHeld ceremonyHeld(BuendnisId... granted) {
        return new AwardCeremonyHeld(P2024, DIALOG, List.of(granted));
    }

    public static SealRevoked revoked(BuendnisId buendnisId) {
        return new SealRevoked(P2024, buendnisId, "Das Bündnis hat sich zum 30. Juni 2025 aufgelöst.",
                GrantBasis.SURVEY);
    }

    public static AwardPeriodClosed periodClosed() {
        return new AwardPeriodClosed(P2024, 31, 1);
    }

    public static BuendnisRegistered registered(BuendnisId buendnisId) {
        return new BuendnisRegistered(buendnisId, new BuendnisProfile("Lokales Bündnis für Familie Hamm",
                MunicipalityKey.of("05915000"), "Hamm", Bundesland.NW, OrganisationForm.WORKING_GROUP,
                LocalDate.of(2005, 3, 15), "https://www.hamm.de/familienbuendnis",
                Set.of(FieldOfAction.CHILD_CARE), Set.of()));
    }

    public static BuendnisPaused paused(BuendnisId buendnisId) {
        return new BuendnisPaused(buendnisId, "Koordinationsstelle bis Jahresende unbesetzt");
    }

    public static BuendnisResumed resumed(BuendnisId buendnisId) {
        return new BuendnisResumed(buendnisId);
    }

    public static BuendnisDissolved dissolved(BuendnisId buendnisId) {
        return new BuendnisDissolved(buendnisId, LocalDate.of(2025, 6, 30),
                "Aufgegangen im Netzwerk Familie der Stadt Hamm", BuendnisStatus.PAUSED);
    }
}
