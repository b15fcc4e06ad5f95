package de.lokalebuendnisse.command.serialization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.AuditChainScope;
import de.lokalebuendnisse.kernel.audit.AuditChainSealed;
import de.lokalebuendnisse.kernel.audit.AuditLedgerEvent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisEvent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonChanged;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonRemoved;
import de.lokalebuendnisse.kernel.buendnis.PersonalDataErased;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.buendnis.PartnerAdded;
import de.lokalebuendnisse.kernel.buendnis.PartnerId;
import de.lokalebuendnisse.kernel.buendnis.PartnerRemoved;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.person.ErasureBasis;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.PreviousSealStandingRecorded;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.InvitationChannel;
import de.lokalebuendnisse.kernel.seal.InvitationsSent;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
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
import de.lokalebuendnisse.kernel.survey.SurveyAnswersImported;
import de.lokalebuendnisse.kernel.survey.SurveyImportMapping;
import de.lokalebuendnisse.kernel.survey.SurveyImportSource;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignClosed;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignEvent;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignOpened;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events are forever: what the event store holds today must read back in every later release. Each event has a
 * hand-written fixture {@code events/<SimpleName>.v1.json}, the approved stored form of revision 1. A change that
 * alters the stored form fails here, and then needs a new revision with an upcaster, not a new fixture.
 * <p>
 * The serializer is built as Axon's Spring Boot auto-configuration builds it for {@code axon.serializer.*: jackson}
 * ({@code AxonAutoConfiguration#buildSerializer}, case JACKSON): the {@code defaultAxonObjectMapper} bean, an
 * {@link AnnotationRevisionResolver} and a {@link ChainingConverter}; no default typing.
 */
class EventSerializationTest {

    private static final Serializer SERIALIZER = JacksonSerializer.builder()
            .revisionResolver(new AnnotationRevisionResolver())
            .converter(new ChainingConverter(EventSerializationTest.class.getClassLoader()))
            .objectMapper(new AxonSerializationConfiguration().defaultAxonObjectMapper())
            .build();

    /** Reads JSON to trees keeping decimals exactly as written, so 3.00 and 3.0 are told apart. */
    private static final ObjectMapper EXACT_TREES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Tree equality of Jackson compares decimals numerically; stored numbers must also keep their scale. */
    private static final Comparator<JsonNode> NUMBERS_AS_WRITTEN = (one, other) -> {
        if (one.isNumber() && other.isNumber()) {
            return one.getClass() == other.getClass() && one.asText().equals(other.asText()) ? 0 : 1;
        }
        return one.equals(other) ? 0 : 1;
    };

    private static final String REVISION = "1";

    // the Bündnis of all examples
    private static final BuendnisId HAMM = BuendnisId.of("hamm");
    private static final BuendnisId MUENSTER = BuendnisId.of("muenster");
    private static final BuendnisProfile HAMM_PROFILE = new BuendnisProfile(
            "Lokales Bündnis für Familie Hamm",
            MunicipalityKey.of("05915000"),
            "Hamm",
            Bundesland.NW,
            OrganisationForm.WORKING_GROUP,
            LocalDate.of(2005, 3, 15),
            "https://www.hamm.de/familienbuendnis",
            Set.of(FieldOfAction.WORK_FAMILY_BALANCE, FieldOfAction.CHILD_CARE,
                    FieldOfAction.FAMILY_FRIENDLY_ENVIRONMENT),
            Set.of(FutureTopic.FAMILY_CARE_WORK_BALANCE, FutureTopic.LOW_INCOME_FAMILIES));
    private static final BuendnisProfile HAMM_PROFILE_2025 = new BuendnisProfile(
            "Lokales Bündnis für Familie Hamm",
            MunicipalityKey.of("05915000"),
            "Hamm",
            Bundesland.NW,
            OrganisationForm.REGISTERED_ASSOCIATION,
            LocalDate.of(2005, 3, 15),
            "https://www.familie-in-hamm.de",
            Set.of(FieldOfAction.WORK_FAMILY_BALANCE, FieldOfAction.CHILD_CARE,
                    FieldOfAction.FAMILY_FRIENDLY_ENVIRONMENT),
            Set.of(FutureTopic.FAMILY_CARE_WORK_BALANCE, FutureTopic.LOW_INCOME_FAMILIES));

    // a contact person; the sealed bytes are made up: the stored form is what is approved, not the cipher
    private static final PersonId CONTACT = PersonId.of("6f1c2a7e-3b8d-4e59-a0c4-9d2e7b1f5a38");
    private static final SealedPersonalData SEALED = new SealedPersonalData(SealedPersonalData.AES_256_GCM,
            "AAECAwQFBgcICQoL", "CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW");

    // the survey campaign 2024 and the award period 2024/25 it feeds
    private static final CampaignYear YEAR_2024 = CampaignYear.of(2024);
    private static final BigDecimal THRESHOLD = new BigDecimal("3.00");
    private static final List<CriterionScore> FIRST_ANSWERS = List.of(
            new CriterionScore("vernetzung", 3),
            new CriterionScore("aktivitaeten", 2),
            new CriterionScore("oeffentlichkeit", 3));
    private static final List<CriterionScore> AMENDED_ANSWERS = List.of(
            new CriterionScore("vernetzung", 4),
            new CriterionScore("aktivitaeten", 3),
            new CriterionScore("oeffentlichkeit", 3));
    private static final AwardPeriod PERIOD = AwardPeriod.of("2024/25");
    private static final AwardPeriod PREVIOUS_PERIOD = AwardPeriod.of("2023/24");
    private static final String SEAL_NAME = "Ausgezeichnetes Bündnis 2024/25";
    private static final AwardCeremony CEREMONY = new AwardCeremony(LocalDate.of(2024, 11, 22), "Berlin");
    private static final WerkstattId WERKSTATT_HAMM = WerkstattId.of("werkstatt-west-2024");
    private static final String REGION_WEST = "West (Nordrhein-Westfalen, Rheinland-Pfalz, Saarland)";
    private static final LocalDate WERKSTATT_DATE = LocalDate.of(2024, 9, 18);
    private static final WerkstattAttendance ATTENDANCE_BY_REPRESENTATIVE = new WerkstattAttendance(
            WERKSTATT_HAMM, REGION_WEST, "Hamm", WERKSTATT_DATE, WerkstattFormat.IN_PERSON,
            AttendanceMode.REPRESENTATIVE, "Caritasverband Hamm e. V.");
    private static final SurveyOutcome SUFFICIENT_OUTCOME = new SurveyOutcome(YEAR_2024,
            ActivityLevel.of(AMENDED_ANSWERS), THRESHOLD, true, true, SubmissionChannel.ONLINE, 42);

    /** One realistic instance of every event, keyed by its type. */
    private static final Map<Class<?>, Object> REPRESENTATIVES = representatives(
            // Bündnis
            new BuendnisRegistered(HAMM, HAMM_PROFILE),
            new BuendnisProfileUpdated(HAMM, HAMM_PROFILE_2025, HAMM_PROFILE,
                    List.of("organisationForm", "website")),
            new PartnerAdded(HAMM, PartnerId.of("jobcenter-hamm"), "Jobcenter Hamm", PartnerType.EMPLOYMENT_AGENCY),
            new PartnerRemoved(HAMM, PartnerId.of("sparkasse-hamm"), "Sparkasse Hamm", PartnerType.COMPANY),
            new BuendnisPaused(HAMM, "Neuaufstellung der Koordinierungsstelle"),
            new BuendnisResumed(HAMM),
            new BuendnisDissolved(HAMM, LocalDate.of(2025, 6, 30),
                    "Aufgegangen im Netzwerk Familie der Stadt Hamm", BuendnisStatus.PAUSED),
            new ContactPersonAdded(HAMM, CONTACT, SEALED, true),
            new ContactPersonChanged(HAMM, CONTACT, SEALED, false),
            new ContactPersonRemoved(HAMM, CONTACT),
            new PersonalDataErased(HAMM, CONTACT, ErasureBasis.ART_17_1_B.name(), "Einwilligung widerrufen"),
            // survey campaign
            new SurveyCampaignOpened(YEAR_2024, "Bündnisumfrage 2024",
                    List.of(new SealCriterion("vernetzung", "Vernetzung und Partnerschaften"),
                            new SealCriterion("aktivitaeten", "Aktivitäten und Projekte"),
                            new SealCriterion("oeffentlichkeit", "Öffentlichkeitsarbeit")),
                    new AnswerScale(0, 4), THRESHOLD, LocalDate.of(2024, 4, 15), LocalDate.of(2024, 6, 30)),
            new SurveySubmitted(YEAR_2024, HAMM, FIRST_ANSWERS, ActivityLevel.of(FIRST_ANSWERS), THRESHOLD,
                    false, true, SubmissionChannel.ONLINE,
                    new ParticipationBasis(BuendnisStatus.ACTIVE, PREVIOUS_PERIOD, false)),
            new SurveyAmended(YEAR_2024, HAMM, AMENDED_ANSWERS, ActivityLevel.of(AMENDED_ANSWERS), THRESHOLD,
                    true, true, SubmissionChannel.ONLINE, ActivityLevel.of(FIRST_ANSWERS), false),
            new SurveyCampaignClosed(YEAR_2024, 87, 61),
            new SurveyAnswersImported(YEAR_2024, "7c1e2f0a-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
                    new SurveyImportSource("Bündnisumfrage 2024.json", "limesurvey-json",
                            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 3),
                    new SurveyImportMapping("token", Map.of("tok-hamm", "hamm"),
                            Map.of("Q2[SQ001]", "vernetzung", "Q2[SQ002]", "aktivitaeten", "Q2[SQ003]", "oeffentlichkeit"),
                            Map.of("A1", 0, "A2", 1, "A3", 2, "A4", 3, "A5", 4), false, "PZ", List.of("Y"),
                            List.of("N"), SubmissionChannel.ONLINE),
                    1, 1, 0, 1, List.of(new SurveyAnswersImported.RefusedRow(3, "muenster", List.of(
                            new SurveyAnswersImported.BrokenRule("buendnisId", "no-valid-seal"))))),
            // award period
            new AwardPeriodOpened(PERIOD, YEAR_2024, SEAL_NAME, CEREMONY, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                    RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, PREVIOUS_PERIOD, List.of(HAMM, MUENSTER)),
            new WerkstattScheduled(PERIOD, WERKSTATT_HAMM, REGION_WEST, "Hamm", WERKSTATT_DATE,
                    WerkstattFormat.IN_PERSON),
            new WerkstattAttended(PERIOD, HAMM, ATTENDANCE_BY_REPRESENTATIVE),
            new SurveyOutcomeRecorded(PERIOD, HAMM, SUFFICIENT_OUTCOME),
            new BuendnisStandingRecorded(PERIOD, HAMM, BuendnisStatus.PAUSED, 7),
            new PreviousSealStandingRecorded(PERIOD, MUENSTER, PREVIOUS_PERIOD, false),
            new SealGranted(PERIOD, HAMM, SEAL_NAME,
                    new GrantEvidence(GrantBasis.SURVEY, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                            RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, SUFFICIENT_OUTCOME,
                            ATTENDANCE_BY_REPRESENTATIVE, null, BuendnisStatus.ACTIVE),
                    true, CEREMONY),
            new AwardCeremonyHeld(PERIOD, CEREMONY, List.of(HAMM)),
            new SealRevoked(PERIOD, HAMM, "Das Bündnis hat sich zum 30. Juni 2025 aufgelöst.", GrantBasis.SURVEY),
            new InvitationsSent(PERIOD, List.of(HAMM, MUENSTER), List.of(WERKSTATT_HAMM), InvitationChannel.EMAIL,
                    LocalDate.of(2024, 8, 30)),
            new AwardPeriodClosed(PERIOD, 58, 1),
            // audit ledger
            new AuditChainSealed(AuditChainScope.PERIOD, "2024/25", AuditChain.FORM_V1, 4711,
                    "5b0c1a9e-6f7d-4c2b-9a51-2f3e8d7c6b10", 4698,
                    "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everyEventHasAnApprovedJsonFixture(Class<?> eventType) {
        assertThat(EventSerializationTest.class.getResource(fixturePath(eventType)))
                .as("approved stored form %s of %s", fixturePath(eventType), eventType.getName())
                .isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everyEventHasARepresentativeInstance(Class<?> eventType) {
        assertThat(REPRESENTATIVES).as("representative instance in this test").containsKey(eventType);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("representativeEvents")
    void storedFormMatchesTheApprovedFixture(Object event) throws IOException {
        SerializedObject<String> stored = SERIALIZER.serialize(event, String.class);

        assertThat(stored.getType().getName()).isEqualTo(event.getClass().getName());
        assertThat(stored.getType().getRevision()).isEqualTo(REVISION);
        JsonNode actual = EXACT_TREES.readTree(stored.getData());
        JsonNode approved = EXACT_TREES.readTree(fixture(event.getClass()));
        assertThat(actual).as("stored form of %s", event.getClass().getSimpleName()).isEqualTo(approved);
        assertThat(actual.equals(NUMBERS_AS_WRITTEN, approved))
                .as("numbers keep their scale: stored %s, approved %s", actual, approved)
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("representativeEvents")
    void storedRevisionOneJsonStillDeserializes(Object event) {
        SimpleSerializedObject<String> stored = new SimpleSerializedObject<>(
                fixture(event.getClass()), String.class, event.getClass().getName(), REVISION);

        Object read = SERIALIZER.deserialize(stored);

        assertThat(read).isInstanceOf(event.getClass()).isEqualTo(event);
    }

    @Test
    void storedJsonIsHumanReadable() {
        assertThat(SERIALIZER).isInstanceOf(JacksonSerializer.class);
        assertThat(((JacksonSerializer) SERIALIZER).getObjectMapper()
                .isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)).isFalse();

        String registered = storedJson(BuendnisRegistered.class);
        assertThat(registered)
                .contains("\"buendnisId\":\"hamm\"")
                .contains("\"municipalityKey\":\"05915000\"")
                .contains("\"bundesland\":\"DE-NW\"")
                .contains("\"foundedOn\":\"2005-03-15\"")
                .contains("\"name\":\"Lokales Bündnis für Familie Hamm\"");
        assertThat(storedJson(AwardPeriodOpened.class))
                .contains("\"period\":\"2024/25\"")
                .contains("\"surveyYear\":2024")
                .contains("\"date\":\"2024-11-22\"");
        assertThat(storedJson(SurveyCampaignOpened.class))
                .contains("\"threshold\":3.00")
                .contains("\"scale\":{\"min\":0,\"max\":4}");
        assertThat(storedJson(SurveyAmended.class)).contains("\"mean\":3.33");
        assertThat(storedJson(WerkstattAttended.class)).contains("\"werkstattId\":\"werkstatt-west-2024\"");
    }

    @Test
    void setsAreStoredInAStableOrderWhateverTheInputOrder() {
        Set<FieldOfAction> reversed = new LinkedHashSet<>(List.of(FieldOfAction.FAMILY_FRIENDLY_ENVIRONMENT,
                FieldOfAction.CHILD_CARE, FieldOfAction.WORK_FAMILY_BALANCE));
        Set<FutureTopic> reversedTopics = new LinkedHashSet<>(List.of(FutureTopic.LOW_INCOME_FAMILIES,
                FutureTopic.FAMILY_CARE_WORK_BALANCE));
        BuendnisProfile profileFromReversedInput = new BuendnisProfile(HAMM_PROFILE.name(),
                HAMM_PROFILE.municipalityKey(), HAMM_PROFILE.place(), HAMM_PROFILE.bundesland(),
                HAMM_PROFILE.organisationForm(), HAMM_PROFILE.foundedOn(), HAMM_PROFILE.website(),
                reversed, reversedTopics);

        String stored = SERIALIZER.serialize(new BuendnisRegistered(HAMM, profileFromReversedInput), String.class)
                .getData();

        assertThat(stored).isEqualTo(storedJson(BuendnisRegistered.class));
        assertThat(stored).contains(
                "\"fieldsOfAction\":[\"WORK_FAMILY_BALANCE\",\"CHILD_CARE\",\"FAMILY_FRIENDLY_ENVIRONMENT\"]");
    }

    static Stream<Class<?>> eventTypes() {
        return Stream.of(BuendnisEvent.class, SurveyCampaignEvent.class, SealAwardEvent.class,
                        AuditLedgerEvent.class)
                .flatMap(EventSerializationTest::concreteSubclasses);
    }

    static Stream<Named<Object>> representativeEvents() {
        return REPRESENTATIVES.values().stream().map(event -> Named.of(event.getClass().getSimpleName(), event));
    }

    private static Stream<Class<?>> concreteSubclasses(Class<?> sealedType) {
        return Arrays.stream(sealedType.getPermittedSubclasses())
                .flatMap(sub -> sub.isSealed() ? concreteSubclasses(sub) : Stream.of(sub));
    }

    private static Map<Class<?>, Object> representatives(Object... events) {
        Map<Class<?>, Object> byType = new LinkedHashMap<>();
        for (Object event : events) {
            if (byType.put(event.getClass(), event) != null) {
                throw new IllegalStateException("two representatives of " + event.getClass());
            }
        }
        return byType;
    }

    private static String storedJson(Class<?> eventType) {
        return SERIALIZER.serialize(REPRESENTATIVES.get(eventType), String.class).getData();
    }

    private static String fixturePath(Class<?> eventType) {
        return "/events/" + eventType.getSimpleName() + ".v" + REVISION + ".json";
    }

    private static String fixture(Class<?> eventType) {
        try (InputStream in = EventSerializationTest.class.getResourceAsStream(fixturePath(eventType))) {
            assertThat(in).as("fixture %s", fixturePath(eventType)).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
