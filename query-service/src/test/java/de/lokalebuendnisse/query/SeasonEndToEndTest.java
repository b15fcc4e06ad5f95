package de.lokalebuendnisse.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.query.testing.CommandServiceRunner;
import de.lokalebuendnisse.query.testing.Http;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static de.lokalebuendnisse.query.testing.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both services as they run with {@code ./run.sh}: commands in through the command service's HTTP API, answers out
 * of the query service's projections, through the shared embedded event store. A whole seal season, the same
 * scenario as the command side's integration test, read back with read-your-writes positions (no polling).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lbf.query.consistency-wait=5s")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeasonEndToEndTest {

    private static final Path DATA = dataDir();
    private static CommandServiceRunner commandService;

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", DATA::toString);
    }

    @BeforeAll
    static void startCommandService() {
        commandService = CommandServiceRunner.start(DATA);
    }

    @AfterAll
    static void stopCommandService() {
        if (commandService != null) {
            commandService.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase queryDatabase;
    @Autowired
    EventProcessingConfiguration processing;
    Http commands;
    Http queries;

    @BeforeEach
    void clients() {
        commands = new Http(commandService.port());
        queries = new Http(port);
    }

    /** The position of the newest command's events, as the command service answered it. */
    private String position;

    private Http.Answer command(Http.Answer answer, int expectedStatus) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(expectedStatus);
        String header = answer.header("X-Event-Position");
        assertThat(header).as("every command answer carries its event position").matches("\\d+");
        position = header;
        return answer;
    }

    private Http.Answer query(String path) {
        return queries.get(path, "X-Event-Position", position);
    }

    @Test
    @Order(1)
    void aWholeSeasonReadsBackFromEveryProjection() {
        register("nuernberg", "Bündnis für Familie Nürnberg", "09564000", "DE-BY", "Nürnberg");
        register("hamm", "Familienbündnis Hamm", "05915000", "DE-NW", "Hamm");
        register("koeln", "Kölner Bündnis für Familie", "05315000", "DE-NW", "Köln");
        register("leipzig", "Lokales Bündnis Leipzig", "14713000", "DE-SN", "Leipzig");
        register("bremen", "Bremer Bündnis für Familie", "04011000", "DE-HB", "Bremen");
        register("erfurt", "Erfurter Familienbündnis", "16051000", "DE-TH", "Erfurt");
        command(commands.post("/api/buendnisse/hamm/partners",
                json("{'partnerId': 'stadt', 'name': 'Stadt Hamm', 'type': 'MUNICIPALITY'}")), 201);
        command(commands.post("/api/buendnisse/hamm/partners",
                json("{'partnerId': 'ihk', 'name': 'IHK zu Dortmund', 'type': 'CHAMBER'}")), 201);

        command(commands.post("/api/survey-campaigns", json("""
                {'year': 2024, 'title': 'Bündnisumfrage 2024', 'scale': {'min': 0, 'max': 4}, 'threshold': 3.0,
                 'criteria': [{'id': 'netzwerk', 'title': 'Netzwerk und Partner'},
                              {'id': 'projekte', 'title': 'Projekte'},
                              {'id': 'sichtbarkeit', 'title': 'Sichtbarkeit'}],
                 'opensOn': '2024-03-01', 'closesOn': '2024-06-30'}""")), 201);
        submit("hamm", "3,3,3", true, "INTERVIEW");
        submit("koeln", "4,4,4", false, "ONLINE");
        submit("leipzig", "2,3,3", true, "ONLINE");
        submit("bremen", "4,4,3", true, "INTERVIEW");
        submit("erfurt", "4,4,4", true, "ONLINE");
        command(commands.post("/api/seal-awards", json("""
                {'period': '2024/25', 'surveyYear': 2024, 'sealName': 'Ausgezeichnetes Bündnis 2024/25',
                 'ceremony': {'date': '2024-11-22', 'place': 'Berlin'},
                 'renewalRule': 'RENEW_BY_WERKSTATT_ATTENDANCE'}""")), 201);
        command(commands.post("/api/survey-campaigns/2024/submissions", json("""
                {'buendnisId': 'nuernberg', 'scores': [{'criterionId': 'netzwerk', 'score': 4},
                 {'criterionId': 'projekte', 'score': 3}, {'criterionId': 'sichtbarkeit', 'score': 3}],
                 'projektZukunftInterest': true, 'channel': 'ONLINE'}"""),
                "X-Caller", "survey-tool", "X-Correlation-Id", "import-2024-05"), 201);
        schedule("nuernberg", "Metropolregion Nürnberg", "Nürnberg");
        schedule("hamm", "Nordrhein-Westfalen", "Hamm");
        attend("nuernberg", "nuernberg", "SELF", null);
        attend("hamm", "hamm", "REPRESENTATIVE", "Stadt Hamm, Familienbüro");
        attend("hamm", "koeln", "SELF", null);
        attend("nuernberg", "leipzig", "SELF", null);
        attend("hamm", "erfurt", "SELF", null);
        command(commands.post("/api/buendnisse/erfurt/pause", json("{'reason': 'Koordination unbesetzt'}")), 200);

        // the ceremony waits for the award intake process, which forwards outcomes and standings asynchronously
        awaitCeremonyGranting(List.of("hamm", "nuernberg"));
        command(commands.post("/api/seal-awards/2024-25/revocations",
                json("{'buendnisId': 'hamm', 'reason': 'Angaben der Umfrage nicht belegt'}")), 200);

        JsonNode hamm = ok(query("/api/directory/hamm")).json();
        assertThat(hamm.path("name").asText()).isEqualTo("Familienbündnis Hamm");
        assertThat(hamm.path("bundesland").asText()).isEqualTo("DE-NW");
        assertThat(hamm.path("partnerCount").asInt()).isEqualTo(2);
        assertThat(hamm.path("partnersByType").path("CHAMBER").asInt()).isEqualTo(1);
        assertThat(hamm.path("lastSurvey").path("activityLevel").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(hamm.path("lastSurvey").path("channel").asText()).isEqualTo("INTERVIEW");
        assertThat(hamm.path("sealsHeld")).isEmpty();
        assertThat(hamm.path("seals").get(0).path("revoked").asBoolean()).isTrue();
        assertThat(hamm.path("seals").get(0).path("revokedReason").asText()).isEqualTo("Angaben der Umfrage nicht belegt");

        JsonNode nuernberg = ok(query("/api/directory/nuernberg")).json();
        assertThat(nuernberg.path("sealsHeld").get(0).asText()).isEqualTo("2024/25");
        assertThat(nuernberg.path("seals").get(0).path("grantedOn").asText()).isEqualTo("2024-11-22");
        assertThat(ok(query("/api/directory/erfurt")).json().path("status").asText()).isEqualTo("PAUSED");

        assertThat(ids(query("/api/directory?q=" + encode("bundnis") + "&bundesland=DE-NW")))
                .containsExactly("hamm", "koeln");
        assertThat(ids(query("/api/directory?q=" + encode("Bündnis") + "&bundesland=DE-NW")))
                .containsExactly("hamm", "koeln");
        assertThat(ids(query("/api/directory?q=muenchen"))).isEmpty();
        assertThat(ids(query("/api/directory?q=nuernberg"))).containsExactly("nuernberg");
        assertThat(ids(query("/api/directory?seal=2024-25"))).containsExactly("nuernberg");
        assertThat(ids(query("/api/directory?status=PAUSED"))).containsExactly("erfurt");
        assertThat(ids(query("/api/directory?sort=-activityLevel&size=3")))
                .containsExactly("erfurt", "koeln", "bremen");
        Http.Answer page = ok(query("/api/directory?size=4&page=1"));
        assertThat(page.json().path("total").asLong()).isEqualTo(6);
        assertThat(page.json().path("entries")).hasSize(2);

        JsonNode stats = ok(query("/api/directory/stats")).json();
        assertThat(stats.path("total").asLong()).isEqualTo(6);
        assertThat(stats.path("perBundesland").path("DE-NW").asLong()).isEqualTo(2);
        assertThat(stats.path("perBundesland").path("DE-BW").asLong()).isZero();
        assertThat(stats.path("perStatus").path("PAUSED").asLong()).isEqualTo(1);
        assertThat(stats.path("perSealPeriod").path("2024/25").asLong()).isEqualTo(1);

        assertEligibilityViewShowsWhoIsMissingWhat();
        assertAuditHistoryListsTheSeasonWithCallersAndReasons();
    }

    private void assertEligibilityViewShowsWhoIsMissingWhat() {
        JsonNode overview = ok(query("/api/eligibility/2024-25")).json();
        assertThat(overview.path("counts").path("granted").asInt()).isEqualTo(1);
        assertThat(overview.path("counts").path("revoked").asInt()).isEqualTo(1);
        assertThat(overview.path("counts").path("missing").asInt()).isEqualTo(4);
        assertThat(overview.path("counts").path("eligible").asInt()).isZero();
        Map<String, String> statuses = new TreeMap<>();
        Map<String, List<String>> missing = new TreeMap<>();
        overview.path("entries").forEach(entry -> {
            statuses.put(entry.path("buendnisId").asText(), entry.path("status").asText());
            List<String> criteria = new ArrayList<>();
            entry.path("missing").forEach(m -> criteria.add(m.path("criterion").asText()));
            missing.put(entry.path("buendnisId").asText(), criteria);
        });
        assertThat(statuses).containsEntry("nuernberg", "GRANTED").containsEntry("hamm", "REVOKED")
                .containsEntry("koeln", "MISSING").containsEntry("leipzig", "MISSING")
                .containsEntry("bremen", "MISSING").containsEntry("erfurt", "MISSING").hasSize(6);
        assertThat(missing).containsEntry("koeln", List.of("PROJEKT_ZUKUNFT_INTEREST"))
                .containsEntry("leipzig", List.of("SURVEY_SUFFICIENT"))
                .containsEntry("bremen", List.of("WERKSTATT_ATTENDED"))
                .containsEntry("erfurt", List.of("BUENDNIS_ACTIVE"));

        JsonNode hamm = ok(query("/api/eligibility/2024-25/hamm")).json();
        JsonNode attendance = hamm.path("criteria").path("werkstattAttended");
        assertThat(attendance.path("mode").asText()).isEqualTo("REPRESENTATIVE");
        assertThat(attendance.path("representativeOrganisation").asText()).isEqualTo("Stadt Hamm, Familienbüro");
        assertThat(attendance.path("werkstattId").asText()).isEqualTo("hamm");
        assertThat(hamm.path("criteria").path("surveySufficient").path("activityLevel").decimalValue())
                .isEqualByComparingTo("3.00");
        assertThat(hamm.path("revocation").path("reason").asText()).isEqualTo("Angaben der Umfrage nicht belegt");

        JsonNode northRhine = ok(query("/api/eligibility/2024-25?bundesland=DE-NW&status=MISSING")).json();
        List<String> ids = new ArrayList<>();
        northRhine.path("entries").forEach(entry -> ids.add(entry.path("buendnisId").asText()));
        assertThat(ids).containsExactly("koeln");
        assertThat(queries.get("/api/eligibility/2099-00").status()).isEqualTo(404);
    }

    private void assertAuditHistoryListsTheSeasonWithCallersAndReasons() {
        // the events were stored today, so they belong to this calendar year in Berlin
        int year = LocalDate.now(ZoneId.of("Europe/Berlin")).getYear();
        JsonNode history = ok(query("/api/audit/" + year + "?size=200")).json();
        List<JsonNode> entries = new ArrayList<>();
        history.path("entries").forEach(entries::add);
        assertThat(history.path("total").asLong()).isEqualTo(entries.size());
        assertThat(entries).extracting(e -> e.path("position").asLong()).isSorted();

        JsonNode submission = entries.stream().filter(e -> e.path("eventType").asText().equals("SurveySubmitted")
                && e.path("buendnisId").asText().equals("nuernberg")).findFirst().orElseThrow();
        assertThat(submission.path("caller").asText()).isEqualTo("survey-tool");
        assertThat(submission.path("correlationId").asText()).isEqualTo("import-2024-05");
        assertThat(submission.path("reason").asText()).contains("Aktivitätsgrad 3,33 erreicht die Schwelle 3,00");

        List<JsonNode> grants = entries.stream().filter(e -> e.path("eventType").asText().equals("SealGranted"))
                .toList();
        assertThat(grants).extracting(e -> e.path("buendnisId").asText()).containsExactlyInAnyOrder("hamm", "nuernberg");
        JsonNode hammGrant = grants.stream().filter(e -> e.path("buendnisId").asText().equals("hamm")).findFirst()
                .orElseThrow();
        assertThat(hammGrant.path("reason").asText()).contains("vertreten durch Stadt Hamm, Familienbüro");
        assertThat(entries).filteredOn(e -> e.path("eventType").asText().equals("SealRevoked")).singleElement()
                .satisfies(e -> assertThat(e.path("reason").asText()).contains("Angaben der Umfrage nicht belegt"));
        assertThat(entries).extracting(e -> e.path("eventType").asText())
                .contains("SurveyCampaignOpened", "WerkstattScheduled", "WerkstattAttended", "BuendnisPaused",
                        "AwardCeremonyHeld");

        Http.Answer csv = queries.get("/api/audit/" + year, "Accept", "text/csv", "X-Event-Position", position);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("audit-" + year + ".csv");
        assertThat(csv.body()).startsWith("\uFEFFposition;timestamp;eventType");
        assertThat(csv.body().split("\r\n")).hasSize(entries.size() + 1);
        assertThat(csv.body()).contains("Familienbüro");
    }

    @Test
    @Order(2)
    void aQueryGivenTheCommandsPositionSeesTheWriteAtOnce() {
        // no polling: the query waits until the directory has reached the position the command answered with
        for (int i = 0; i < 5; i++) {
            String id = "ryw-" + i;
            register(id, "Bündnis Lesen " + i, "05915000", "DE-NW", "Hamm");
            assertThat(query("/api/directory/" + id).status()).isEqualTo(200);
            command(commands.post("/api/buendnisse/" + id + "/pause", json("{'reason': 'Test'}")), 200);
            assertThat(ok(query("/api/directory/" + id)).json().path("status").asText()).isEqualTo("PAUSED");
        }
    }

    @Test
    @Order(3)
    void aPositionTheProjectionCannotReachInTimeAnswers503WithRetryAfter() {
        long beyond = Long.parseLong(commands.post("/api/buendnisse/ryw-0/resume", null).header("X-Event-Position"))
                + 1_000_000;
        Http.Answer behind = queries.get("/api/directory/ryw-0?position=" + beyond);
        assertThat(behind.status()).isEqualTo(503);
        assertThat(behind.header("Retry-After")).isEqualTo("1");
        assertThat(behind.header("Content-Type")).startsWith("application/problem+json");
        assertThat(behind.json().path("projection").asText()).isEqualTo("directory");
    }

    @Test
    @Order(4)
    void hostileOrInvalidParametersAreRefusedNamingFieldAndRule() {
        Http.Answer answer = queries.get("/api/directory?bundesland=DE-XX&size=100000&status=HAPPY&sort=rating");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.fields()).containsExactlyInAnyOrder("bundesland", "size", "status", "sort");
        assertThat(answer.rules()).containsExactlyInAnyOrder("iso-3166-2", "range", "one-of", "one-of");

        Http.Answer operator = queries.get("/api/directory?q=" + encode("{\"$gt\":\"\"}"));
        assertThat(operator.status()).isEqualTo(400);
        assertThat(operator.rules()).containsExactly("no-operators");
        Http.Answer bracket = queries.get("/api/directory?" + encode("q[$ne]") + "=");
        assertThat(bracket.status()).isEqualTo(400);
        assertThat(bracket.rules()).containsExactly("known-parameter");
        assertThat(queries.get("/api/directory?seal=2024-26").rules()).containsExactly("consecutive-years");
        assertThat(queries.get("/api/directory?page=-1").rules()).containsExactly("range");
        assertThat(queries.get("/api/directory/unbekannt").status()).isEqualTo(404);
        assertThat(queries.get("/api/directory/%21%21").rules()).containsExactly("id-format");
    }

    @Test
    @Order(5)
    void aRebuildOfEveryProjectionYieldsDocumentsIdenticalToTheLiveOnes() {
        Map<String, List<Document>> live = projectionDocuments();
        assertThat(live.keySet()).contains("directory", "audit_history");
        assertThat(live.keySet()).anyMatch(name -> name.startsWith("eligibility"));

        for (String projection : List.of("directory", "eligibility", "audit-history", "audit-chain")) {
            Http.Answer started = queries.post("/api/admin/projections/" + projection + "/rebuild", null);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.json().path("eventsTotal").asLong()).isPositive();
            long deadline = System.nanoTime() + 60_000_000_000L;
            JsonNode state;
            do {
                sleep(50);
                state = ok(queries.get("/api/admin/projections/" + projection)).json();
                assertThat(System.nanoTime()).as("rebuild of " + projection).isLessThan(deadline);
            } while (!state.path("rebuild").path("finished").asBoolean());
            assertThat(state.path("rebuild").path("eventsDone").asLong())
                    .isEqualTo(state.path("rebuild").path("eventsTotal").asLong());
            assertThat(state.path("running").asBoolean()).isTrue();
        }

        assertThat(projectionDocuments()).isEqualTo(live);
    }

    @Test
    @Order(6)
    void healthReportsAProjectionWhoseProcessorHasStopped() {
        StreamingEventProcessor directory = processing.eventProcessor("directory", StreamingEventProcessor.class)
                .orElseThrow();
        directory.shutDown();
        try {
            Http.Answer health = queries.get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("components").path("projections").path("details").path("directory")
                    .path("status").asText()).isEqualTo("STOPPED");
        } finally {
            directory.start();
        }
        assertThat(queries.get("/actuator/health").status()).isEqualTo(200);
        assertThat(ok(queries.get("/actuator/prometheus")).body())
                .contains("lbf_projection_lag_events{projection=\"directory\"}");
    }

    @Test
    @Order(7)
    void theSeasonsStoredHistoryVerifiesIntactAgainstItsFingerprints() {
        long head = ok(queries.get("/api/admin/projections/audit-chain")).json().path("head").asLong();

        JsonNode report = ok(queries.get("/api/audit/verify?position=" + head)).json();

        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("INTACT");
        assertThat(report.path("recordsAvailable").asBoolean()).isTrue();
        assertThat(report.path("eventsChecked").asLong()).isPositive();
        assertThat(report.path("chainedEvents").asLong()).isEqualTo(report.path("eventsChecked").asLong());
        assertThat(report.path("breakCount").asLong()).isZero();
        // sixteen segments here: complete only where every one of them has passed
        assertThat(report.path("recordedUpTo").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(report.path("unrecordedEvents").asLong()).isZero();
    }

    /** Every collection of the projections, documents sorted by id; tokens, dead letters and rebuilds are not theirs. */
    private Map<String, List<Document>> projectionDocuments() {
        Map<String, List<Document>> documents = new TreeMap<>();
        for (String name : queryDatabase.listCollectionNames()) {
            if (!name.equals("trackingtokens") && !name.equals("deadletters") && !name.equals("projection_rebuilds")) {
                documents.put(name, queryDatabase.getCollection(name).find().sort(new Document("_id", 1))
                        .into(new ArrayList<>()));
            }
        }
        return documents;
    }

    // --- the season's commands ---------------------------------------------------------------------------

    private void register(String id, String name, String ags, String land, String place) {
        command(commands.post("/api/buendnisse", json("""
                {'id': '%s', 'name': '%s', 'municipalityKey': '%s', 'place': '%s', 'bundesland': '%s',
                 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2005-03-01', 'website': 'https://example.org',
                 'fieldsOfAction': ['CHILD_CARE'], 'futureTopics': ['CHILD_CARE']}""".formatted(id, name, ags,
                place, land))), 201);
    }

    private void submit(String id, String scores, boolean interest, String channel) {
        String[] s = scores.split(",");
        command(commands.post("/api/survey-campaigns/2024/submissions", json("""
                {'buendnisId': '%s', 'scores': [{'criterionId': 'netzwerk', 'score': %s},
                 {'criterionId': 'projekte', 'score': %s}, {'criterionId': 'sichtbarkeit', 'score': %s}],
                 'projektZukunftInterest': %s, 'channel': '%s'}""".formatted(id, s[0], s[1], s[2], interest,
                channel))), 201);
    }

    private void schedule(String id, String region, String place) {
        command(commands.post("/api/seal-awards/2024-25/werkstaetten", json("""
                {'werkstattId': '%s', 'region': '%s', 'place': '%s', 'date': '2024-09-12',
                 'format': 'IN_PERSON'}""".formatted(id, region, place))), 201);
    }

    private void attend(String werkstatt, String id, String mode, String organisation) {
        command(commands.post("/api/seal-awards/2024-25/attendances", json("""
                {'werkstattId': '%s', 'buendnisId': '%s', 'mode': '%s', 'representativeOrganisation': %s}"""
                .formatted(werkstatt, id, mode, organisation == null ? "null" : "'" + organisation + "'"))), 201);
    }

    /**
     * The award intake process forwards survey outcomes and the pause to the period on its own schedule; the
     * ceremony is held once the period's stream shows them (the command side's own test waits the same way).
     */
    private void awaitCeremonyGranting(List<String> expected) {
        EventStore eventStore = commandService.bean(EventStore.class);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            List<Object> period = new ArrayList<>();
            eventStore.readEvents("seal-award:2024/25").asStream().forEach(e -> period.add(e.getPayload()));
            long outcomes = period.stream().filter(SurveyOutcomeRecorded.class::isInstance).count();
            boolean pause = period.stream().anyMatch(e -> e instanceof BuendnisStandingRecorded standing
                    && standing.buendnisId().value().equals("erfurt"));
            if (outcomes == 6 && pause) {
                break;
            }
            assertThat(System.nanoTime()).as("the award intake process did not catch up").isLessThan(deadline);
            sleep(50);
        }
        Http.Answer ceremony = command(commands.post("/api/seal-awards/2024-25/ceremony", null), 200);
        List<String> granted = new ArrayList<>();
        ceremony.json().path("granted").forEach(n -> granted.add(n.asText()));
        assertThat(granted).containsExactlyInAnyOrderElementsOf(expected);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static Http.Answer ok(Http.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer;
    }

    private static List<String> ids(Http.Answer answer) {
        List<String> ids = new ArrayList<>();
        ok(answer).json().path("entries").forEach(e -> ids.add(e.path("buendnisId").asText()));
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path dataDir() {
        try {
            return Files.createTempDirectory("lbf-season-e2e");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
