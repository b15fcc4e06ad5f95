package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.kernel.audit.AuditEvents;
import de.lokalebuendnisse.kernel.audit.AuditHistoryPage;
import de.lokalebuendnisse.kernel.audit.AuditReasons;
import de.lokalebuendnisse.kernel.audit.FindAuditHistoryQuery;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.PartnerAdded;
import de.lokalebuendnisse.kernel.buendnis.PartnerId;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.PreviousSealStandingRecorded;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import de.lokalebuendnisse.platform.testing.ProjectionHarness;
import org.axonframework.eventhandling.EventMessage;
import org.assertj.core.groups.Tuple;
import org.bson.Document;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonChanged;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonRemoved;
import de.lokalebuendnisse.kernel.buendnis.PersonalDataErased;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static de.lokalebuendnisse.kernel.audit.AuditEvents.BREMEN;
import static de.lokalebuendnisse.kernel.audit.AuditEvents.HAMM;
import static de.lokalebuendnisse.kernel.audit.AuditEvents.P2024;
import static de.lokalebuendnisse.kernel.audit.AuditEvents.Y2024;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AuditHistoryProjectionTest {

    private ProjectionHarness harness;
    private AuditHistoryQueryHandler queries;

    @BeforeEach
    void setUp() {
        harness = new ProjectionHarness();
        harness.project(new AuditHistoryProjection(harness.database(),
                de.lokalebuendnisse.platform.positions.OwnPositions.ofAxonServer(), () -> -1L));
        queries = new AuditHistoryQueryHandler(new AuditListings(harness.database()));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /**
     * A whole 2024 season, as the services would store it; payloads by aggregate, in store order. The campaign
     * runs before access tokens were required (a self-declared caller only), the award period after (the verified
     * identity beside the name): the store holds both.
     */
    private Map<EventMessage<?>, Object> season() {
        SurveySubmitted hammSurvey = AuditEvents.submitted(HAMM, true, 4, 3, 3);
        WerkstattAttendance byCaritas = AuditEvents.inHamm(AttendanceMode.REPRESENTATIVE, "Caritasverband Hamm e. V.");
        Map<EventMessage<?>, Object> published = new LinkedHashMap<>();
        harness.at(Instant.parse("2024-03-01T09:00:00Z"));
        publish(published, HAMM.toString(), AuditEvents.registered(HAMM), "crm", "c-register");
        publish(published, BREMEN.toString(), AuditEvents.registered(BREMEN), "crm", "c-register-2");
        publish(published, Y2024.toString(), AuditEvents.campaignOpened(), "servicebuero:anna", "c-open");
        publish(published, Y2024.toString(), AuditEvents.submitted(BREMEN, false, 3, 2, 3), "survey-tool", "c-s1");
        publish(published, Y2024.toString(), hammSurvey, "survey-tool", "c-s2");
        publish(published, Y2024.toString(), AuditEvents.amended(BREMEN, new int[] {3, 2, 3}, 3, 3, 3),
                "survey-tool", "c-s3");
        publish(published, BREMEN.toString(), AuditEvents.paused(BREMEN), "crm", "c-pause");
        publish(published, BREMEN.toString(), AuditEvents.resumed(BREMEN), "crm", "c-resume");
        publish(published, Y2024.toString(), AuditEvents.campaignClosed(), "servicebuero:anna", "c-close");
        publish(published, P2024.toString(), AuditEvents.periodOpened(), AuditEvents.ANNA, "c-period");
        publish(published, P2024.toString(), AuditEvents.werkstattHamm(), AuditEvents.ANNA, "c-w1");
        publish(published, P2024.toString(), AuditEvents.attended(HAMM, byCaritas), AuditEvents.CRM, "c-w2");
        publish(published, P2024.toString(), AuditEvents.grantedViaSurvey(HAMM, AuditEvents.outcome(hammSurvey, 1),
                byCaritas, true), AuditEvents.ANNA, "c-ceremony");
        publish(published, P2024.toString(), AuditEvents.ceremonyHeld(HAMM), AuditEvents.ANNA, "c-ceremony");
        publish(published, P2024.toString(), AuditEvents.revoked(HAMM), AuditEvents.PRUEFERIN, "c-revoke");
        publish(published, HAMM.toString(), AuditEvents.dissolved(HAMM), AuditEvents.CRM, "c-dissolve");
        publish(published, P2024.toString(), AuditEvents.periodClosed(), AuditEvents.ANNA, "c-period-close");
        return published;
    }

    /** An event stored before tokens were required: the caller as it declared itself. */
    private void publish(Map<EventMessage<?>, Object> published, String aggregateId, Object payload, String caller,
                         String correlationId) {
        EventMessage<?> message = harness.publish(aggregateId, payload, "caller", caller,
                "correlationId", correlationId, "causationId", "cmd-" + correlationId);
        published.put(message, payload);
    }

    /** An event caused with a verified access token. */
    private void publish(Map<EventMessage<?>, Object> published, String aggregateId, Object payload,
                         AuditEvents.Caller caller, String correlationId) {
        EventMessage<?> message = harness.publish(aggregateId, payload, caller.keyValues(
                "correlationId", correlationId, "causationId", "cmd-" + correlationId));
        published.put(message, payload);
    }

    private List<AuditEntry> all(int year) {
        return queries.handle(new FindAuditHistoryQuery(year, 0, FindAuditHistoryQuery.MAX_SIZE)).entries();
    }

    @Test
    void recordsEveryAwardRelevantEventInStoreOrderWithItsGermanReasonCallerAndCorrelation() {
        Map<EventMessage<?>, Object> season = season();

        List<AuditEntry> entries = all(2024);

        assertThat(entries).hasSize(season.size());
        List<Tuple> expected = new ArrayList<>();
        for (Map.Entry<EventMessage<?>, Object> event : season.entrySet()) {
            EventMessage<?> message = event.getKey();
            expected.add(tuple(message.getIdentifier(), message.getPayloadType().getSimpleName(),
                    AuditReasons.of(event.getValue()).orElseThrow(), message.getMetaData().get("caller"),
                    message.getMetaData().get("correlationId"), message.getTimestamp()));
        }
        assertThat(entries)
                .extracting(AuditEntry::eventId, AuditEntry::eventType, AuditEntry::reason, AuditEntry::caller,
                        AuditEntry::correlationId, AuditEntry::timestamp)
                .containsExactlyElementsOf(expected);
        assertThat(entries).extracting(AuditEntry::position).containsExactly(
                1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L);
        assertThat(entries).extracting(AuditEntry::eventType).containsExactly(
                "BuendnisRegistered", "BuendnisRegistered", "SurveyCampaignOpened", "SurveySubmitted",
                "SurveySubmitted", "SurveyAmended", "BuendnisPaused", "BuendnisResumed", "SurveyCampaignClosed",
                "AwardPeriodOpened", "WerkstattScheduled", "WerkstattAttended", "SealGranted", "AwardCeremonyHeld",
                "SealRevoked", "BuendnisDissolved", "AwardPeriodClosed");
    }

    @Test
    void anEntryNamesTheVerifiedIdentityFromTheMetadataAndNoneForEventsStoredBeforeTokens() {
        Map<EventMessage<?>, Object> season = season();

        List<AuditEntry> entries = all(2024);

        List<Tuple> expected = new ArrayList<>();
        for (EventMessage<?> message : season.keySet()) {
            expected.add(tuple(message.getIdentifier(), message.getMetaData().get("caller"),
                    message.getMetaData().get("callerSubject"), message.getMetaData().get("callerClient"),
                    message.getMetaData().get("callerRole")));
        }
        assertThat(entries).extracting(AuditEntry::eventId, AuditEntry::caller, AuditEntry::callerSubject,
                AuditEntry::callerClient, AuditEntry::callerRole).containsExactlyElementsOf(expected);
        assertThat(entries).filteredOn(e -> e.eventType().equals("SealRevoked"))
                .extracting(AuditEntry::caller, AuditEntry::callerSubject, AuditEntry::callerClient,
                        AuditEntry::callerRole)
                .containsExactly(tuple("Petra Prüfer", "9e7b2c11-pruefer", "ministerium-portal", "admin"));
        assertThat(entries).filteredOn(e -> e.eventType().equals("SurveyCampaignOpened"))
                .extracting(AuditEntry::caller, AuditEntry::callerSubject, AuditEntry::callerClient,
                        AuditEntry::callerRole)
                .containsExactly(tuple("servicebuero:anna", null, null, null));
        Document revoked = harness.database().getCollection("audit_history")
                .find(new Document("eventType", "SealRevoked")).first();
        Document opened = harness.database().getCollection("audit_history")
                .find(new Document("eventType", "SurveyCampaignOpened")).first();
        assertThat(revoked).containsEntry("callerRole", "admin").containsEntry("callerSubject", "9e7b2c11-pruefer");
        assertThat(opened).as("absent optional columns are left out of the stored document")
                .doesNotContainKeys("callerSubject", "callerClient", "callerRole");
    }

    @Test
    void anEntryCarriesWhereTheEventIsStoredAndWhatItConcerns() {
        season();

        AuditEntry grant = all(2024).stream().filter(e -> e.eventType().equals("SealGranted")).findFirst()
                .orElseThrow();

        assertThat(grant.eventRevision()).isEqualTo("1");
        assertThat(grant.aggregateId()).isEqualTo("seal-award:2024/25");
        assertThat(grant.sequenceNumber()).isEqualTo(3); // opened, scheduled, attended, granted
        assertThat(grant.position()).isEqualTo(13);
        assertThat(grant.buendnisId()).isEqualTo("hamm");
        assertThat(grant.period()).isEqualTo("2024/25");
        assertThat(grant.campaignYear()).as("the campaign its evidence came from").isEqualTo(2024);
        assertThat(grant.caller()).isEqualTo("Anna Schmidt");
        assertThat(grant.callerSubject()).isEqualTo(AuditEvents.ANNA.subject());
        assertThat(grant.callerClient()).isEqualTo("servicebuero-portal");
        assertThat(grant.callerRole()).isEqualTo("staff");
        assertThat(grant.correlationId()).isEqualTo("c-ceremony");
        assertThat(grant.causationId()).isEqualTo("cmd-c-ceremony");
        assertThat(grant.process()).isNull();
        assertThat(grant.reason()).startsWith("Siegel „Ausgezeichnetes Bündnis 2024/25“ erteilt: Aktivitätsgrad "
                + "3,33 erreicht die Schwelle 3,00 der Umfrage 2024;");

        assertThat(all(2024)).filteredOn(e -> e.eventType().equals("SurveySubmitted"))
                .extracting(AuditEntry::aggregateId, AuditEntry::buendnisId, AuditEntry::period,
                        AuditEntry::campaignYear)
                .containsExactly(tuple("survey-campaign:2024", "bremen", null, 2024),
                        tuple("survey-campaign:2024", "hamm", null, 2024));
        assertThat(all(2024)).filteredOn(e -> e.eventType().equals("BuendnisDissolved"))
                .extracting(AuditEntry::aggregateId, AuditEntry::sequenceNumber, AuditEntry::buendnisId)
                .containsExactly(tuple("buendnis:hamm", 1L, "hamm"));
    }

    @Test
    void keepsTheProcessThatCausedAnEvent() {
        harness.publish(P2024.toString(), AuditEvents.periodOpened(), "caller", "servicebuero:anna",
                "correlationId", "c-1");
        harness.publish(BREMEN.toString(), AuditEvents.paused(BREMEN), "caller", "crm", "correlationId", "c-2",
                "causationId", "m-1", "process", "award-intake-process");

        assertThat(all(2024)).extracting(AuditEntry::process).containsExactly(null, "award-intake-process");
    }

    @Test
    void listsAnEventUnderTheCalendarYearInBerlin() {
        harness.at(Instant.parse("2024-12-31T22:30:00Z")); // 23:30 on New Year's Eve in Berlin
        harness.publish(HAMM.toString(), AuditEvents.paused(HAMM), "caller", "crm", "correlationId", "c-1");
        harness.at(Instant.parse("2024-12-31T23:30:00Z")); // 00:30 on New Year's Day in Berlin
        EventMessage<?> resumed = harness.publish(HAMM.toString(), AuditEvents.resumed(HAMM), "caller", "crm",
                "correlationId", "c-2");
        harness.at(Instant.parse("2025-06-30T21:58:00Z")); // summer time: 23:58 in Berlin, still June
        harness.publish(HAMM.toString(), AuditEvents.dissolved(HAMM), "caller", "crm", "correlationId", "c-3");

        assertThat(all(2024)).extracting(AuditEntry::eventType).containsExactly("BuendnisPaused");
        assertThat(all(2025)).extracting(AuditEntry::eventType)
                .containsExactly("BuendnisResumed", "BuendnisDissolved");
        AuditEntry newYear = all(2025).get(0);
        assertThat(newYear.timestamp()).as("kept as the instant, in UTC").isEqualTo(resumed.getTimestamp())
                .isBetween(Instant.parse("2024-12-31T23:30:00Z"), Instant.parse("2024-12-31T23:31:00Z"));
        assertThat(harness.database().getCollection("audit_history").find().map(d -> d.getInteger("year")))
                .containsExactly(2024, 2025, 2025);
    }

    @Test
    void ordersByEventStorePositionNotByTimestamp() {
        // an event committed later can carry an earlier timestamp (clocks of two command-service instances)
        harness.at(Instant.parse("2024-05-02T10:00:00Z"));
        harness.publish(HAMM.toString(), AuditEvents.paused(HAMM), "caller", "crm", "correlationId", "c-1");
        harness.at(Instant.parse("2024-05-02T09:00:00Z"));
        harness.publish(BREMEN.toString(), AuditEvents.paused(BREMEN), "caller", "crm", "correlationId", "c-2");

        assertThat(all(2024)).extracting(AuditEntry::position, AuditEntry::buendnisId)
                .containsExactly(tuple(1L, "hamm"), tuple(2L, "bremen"));
    }

    @Test
    void pagesTheYearInPositionOrderWithTheTotal() {
        season();

        AuditHistoryPage second = queries.handle(new FindAuditHistoryQuery(2024, 1, 5));
        AuditHistoryPage last = queries.handle(new FindAuditHistoryQuery(2024, 3, 5));
        AuditHistoryPage beyond = queries.handle(new FindAuditHistoryQuery(2024, 4, 5));

        assertThat(second.total()).isEqualTo(17);
        assertThat(second.entries()).extracting(AuditEntry::position).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(last.entries()).extracting(AuditEntry::position).containsExactly(16L, 17L);
        assertThat(beyond.entries()).isEmpty();
        assertThat(beyond.total()).isEqualTo(17);
        assertThat(queries.handle(new FindAuditHistoryQuery(2023, 0, 5)))
                .isEqualTo(new AuditHistoryPage(2023, 0, 0, 5, List.of()));
    }

    @Test
    void redeliveryChangesNothing() {
        Map<EventMessage<?>, Object> season = season();
        List<Document> before = harness.database().getCollection("audit_history").find().into(new ArrayList<>());

        for (EventMessage<?> message : season.keySet()) {
            harness.redeliver(message);
        }

        assertThat(harness.database().getCollection("audit_history").find().into(new ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(before);
        assertThat(all(2024)).hasSize(17);
    }

    /** As the processor hands events over: one batch, its entries written with the platform's batch writes. */
    @Test
    void aSeasonHandledInOneBatchLeavesWhatItLeavesEventByEvent() {
        Map<EventMessage<?>, Object> season = season();
        List<Document> oneByOne = harness.database().getCollection("audit_history").find().into(new ArrayList<>());

        harness.reset();
        List<EventMessage<?>> batch = new ArrayList<>(season.keySet());
        // an event delivered twice in the batch (a redelivery) still leaves one entry
        batch.add(batch.get(4));
        harness.redeliverInOneBatch(batch);

        assertThat(harness.database().getCollection("audit_history").find().into(new ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(oneByOne);
        assertThat(all(2024)).hasSize(17);
    }

    @Test
    void resetClearsTheHistoryForAReplay() {
        season();

        harness.reset();

        assertThat(harness.database().getCollection("audit_history").countDocuments()).isZero();
        assertThat(queries.handle(new FindAuditHistoryQuery(2024, 0, 10)).total()).isZero();
    }

    @Test
    void recordsNoEventThatDecidesNothingOrOnlyForwardsAFact() {
        SurveySubmitted survey = AuditEvents.submitted(HAMM, true, 4, 3, 3);
        harness.publish(HAMM.toString(), new PartnerAdded(HAMM, PartnerId.of("p1"), "Stadtwerke Hamm",
                PartnerType.COMPANY), "caller", "crm");
        harness.publish(HAMM.toString(), new BuendnisProfileUpdated(HAMM, AuditEvents.registered(HAMM).profile(),
                AuditEvents.registered(HAMM).profile(), List.of()), "caller", "crm");
        harness.publish(P2024.toString(), new SurveyOutcomeRecorded(P2024, HAMM, AuditEvents.outcome(survey, 1)),
                "caller", "survey-tool", "process", "award-intake-process");
        harness.publish(P2024.toString(), new BuendnisStandingRecorded(P2024, BREMEN, BuendnisStatus.PAUSED, 2),
                "caller", "crm", "process", "award-intake-process");
        harness.publish(P2024.toString(), new PreviousSealStandingRecorded(P2024, BuendnisId.of("muenster"),
                AuditEvents.P2023, false), "caller", "crm", "process", "award-intake-process");

        assertThat(harness.database().getCollection("audit_history").countDocuments()).isZero();
    }

    @Test
    void recordsTheContactEventsByPersonIdWithoutTheirSealedDetails() {
        PersonId person = PersonId.of("p-4711");
        SealedPersonalData sealed = new SealedPersonalData(SealedPersonalData.AES_256_GCM,
                Base64.getEncoder().encodeToString(new byte[12]),
                Base64.getEncoder().encodeToString("sealed-details-stand-in-0123456789".getBytes()));
        harness.publish(HAMM.toString(), new ContactPersonAdded(HAMM, person, sealed, true), "caller", "crm");
        harness.publish(HAMM.toString(), new ContactPersonChanged(HAMM, person, sealed, false), "caller", "crm");
        harness.publish(HAMM.toString(), new ContactPersonRemoved(HAMM, person), "caller", "crm");
        harness.publish(HAMM.toString(), new PersonalDataErased(HAMM, person, "ART_17_1_A", null), "caller", "crm");

        List<AuditEntry> entries = all(2024);

        assertThat(entries).extracting(AuditEntry::eventType, AuditEntry::buendnisId).containsExactly(
                tuple("ContactPersonAdded", HAMM.value()), tuple("ContactPersonChanged", HAMM.value()),
                tuple("ContactPersonRemoved", HAMM.value()), tuple("PersonalDataErased", HAMM.value()));
        assertThat(entries.get(0).reason()).isEqualTo("Kontaktperson p-4711 hinzugefügt (Hauptkontakt).");
        assertThat(entries.get(3).reason()).startsWith("Personenbezogene Daten von p-4711 gelöscht (Zweck entfallen");
        assertThat(harness.database().getCollection("audit_history").find().into(new ArrayList<>()).toString())
                .doesNotContain(sealed.ciphertext(), sealed.iv());
    }

    @Test
    void storesOneDocumentPerEventKeyedByItsIdentifier() {
        EventMessage<?> granted = harness.publish(P2024.toString(), AuditEvents.grantedViaSurvey(HAMM,
                AuditEvents.outcome(AuditEvents.submitted(HAMM, true, 4, 3, 3), 1),
                AuditEvents.inHamm(AttendanceMode.SELF, null), false), "caller", "servicebuero:anna");

        Document stored = harness.database().getCollection("audit_history").find().first();

        assertThat(stored).isNotNull();
        assertThat(stored.getString("_id")).isEqualTo(granted.getIdentifier());
        assertThat(stored.getInteger("year")).isEqualTo(2024);
        assertThat(stored.getLong("position")).isEqualTo(1L);
        assertThat(stored.getString("reason")).isEqualTo(AuditReasons.of((SealGranted) granted.getPayload()));
        assertThat(stored).doesNotContainKey("correlationId");
    }
}
