package de.lokalebuendnisse.query;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import de.lokalebuendnisse.platform.testing.Http;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import de.lokalebuendnisse.query.testing.ServicesBeside;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static de.lokalebuendnisse.platform.testing.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The services as they run with {@code ./run.sh}: commands in through the command service's HTTP API, answers out
 * of the query service's projections and the auditors' service's audit trail, through the shared embedded event
 * store. A whole seal season, the same
 * scenario as the command side's integration test, read back with read-your-writes positions (no polling).
 * <p>
 * The season is a fixture written once per class, before the first test whichever it is, and read back at once
 * at the position of its last command; the season's tests check those answers. Every other test sets up what it
 * writes itself under ids of its own, so each test runs alone and in any order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING,
        "lbf.query.consistency-wait=5s"})
class SeasonEndToEndTest {

    @RegisterExtension
    static final ServicesBeside SERVICES = ServicesBeside.commandAndAuditServices("season-e2e");

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", () -> SERVICES.dataDir().toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase queryDatabase;
    @Autowired
    EventProcessingConfiguration processing;
    Http commands;
    Http surveyTool;
    Http queryOperations;
    Http auditOperations;
    Http queries;
    Http audits;

    /** What the query service answered right after the season, at the position of its last command, by request. */
    private static final Map<String, Http.Answer> SEASON_READ = new HashMap<>();
    /** Whom the ceremony granted. */
    private static final List<String> CEREMONY_GRANTED = new ArrayList<>();
    /** The calendar year the season's events were stored in (today, in Berlin). */
    private static int seasonYear;

    @BeforeEach
    void clientsAndTheSeason() {
        commands = new Http(SERVICES.commands().port()).as(Role.STAFF);
        surveyTool = new Http(SERVICES.commands().port()).as(Role.SERVICE);
        queries = new Http(port).as(Role.STAFF);
        audits = new Http(SERVICES.audit().port()).as(Role.AUDITOR);
        queryOperations = new Http(port).as(Role.ADMIN);
        auditOperations = new Http(SERVICES.audit().port()).as(Role.ADMIN);
        if (SEASON_READ.isEmpty()) {
            writeTheSeasonAndReadItBack();
        }
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
        return serviceOf(path).get(path, "X-Event-Position", position);
    }

    /** The audit trail is the auditors' service's, everything else the query service's. */
    private Http serviceOf(String path) {
        if (path.startsWith("/api/admin/projections/audit-")) {
            return auditOperations;
        }
        if (path.startsWith("/api/admin")) {
            return queryOperations;
        }
        return path.startsWith("/api/audit") ? audits : queries;
    }

    /** The season's commands, then every read its tests check, at the position of the last command. */
    private void writeTheSeasonAndReadItBack() {
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
        // the survey tool sends as a calling service; the caller it claims in a header changes nothing
        command(surveyTool.post("/api/survey-campaigns/2024/submissions", json("""
                {'buendnisId': 'nuernberg', 'scores': [{'criterionId': 'netzwerk', 'score': 4},
                 {'criterionId': 'projekte', 'score': 3}, {'criterionId': 'sichtbarkeit', 'score': 3}],
                 'projektZukunftInterest': true, 'channel': 'ONLINE'}"""),
                "X-Caller", "Bundesministerin", "X-Correlation-Id", "import-2024-05"), 201);
        schedule("nuernberg", "Metropolregion Nürnberg", "Nürnberg");
        schedule("hamm", "Nordrhein-Westfalen", "Hamm");
        attend("nuernberg", "nuernberg", "SELF", null);
        attend("hamm", "hamm", "REPRESENTATIVE", "Stadt Hamm, Familienbüro");
        attend("hamm", "koeln", "SELF", null);
        attend("nuernberg", "leipzig", "SELF", null);
        attend("hamm", "erfurt", "SELF", null);
        command(commands.post("/api/buendnisse/erfurt/pause", json("{'reason': 'Koordination unbesetzt'}")), 200);

        // the ceremony waits for the award intake process, which forwards outcomes and standings asynchronously
        holdTheCeremonyOnceTheIntakeHasCaughtUp();
        command(commands.post("/api/seal-awards/2024-25/revocations",
                json("{'buendnisId': 'hamm', 'reason': 'Angaben der Umfrage nicht belegt'}")), 200);

        seasonYear = LocalDate.now(ZoneId.of("Europe/Berlin")).getYear();
        for (String path : List.of("/api/directory/hamm", "/api/directory/nuernberg", "/api/directory/erfurt",
                "/api/directory?q=" + encode("bundnis") + "&bundesland=DE-NW",
                "/api/directory?q=" + encode("Bündnis") + "&bundesland=DE-NW", "/api/directory?q=muenchen",
                "/api/directory?q=nuernberg", "/api/directory?seal=2024-25", "/api/directory?status=PAUSED",
                "/api/directory?sort=-activityLevel&size=3", "/api/directory?size=4&page=1", "/api/directory/stats",
                "/api/eligibility/2024-25", "/api/eligibility/2024-25/hamm",
                "/api/eligibility/2024-25?bundesland=DE-NW&status=MISSING",
                "/api/audit/" + seasonYear + "?size=200")) {
            SEASON_READ.put(path, query(path));
        }
        SEASON_READ.put("csv", audits.get("/api/audit/" + seasonYear, "Accept", "text/csv",
                "X-Event-Position", position));
    }

    /** The answer to {@code path} as read right after the season. */
    private static Http.Answer afterTheSeason(String path) {
        assertThat(SEASON_READ).as("read after the season").containsKey(path);
        return SEASON_READ.get(path);
    }

    @Test
    void theCeremonyGrantsEveryAllianceThatMeetsTheRule() {
        assertThat(CEREMONY_GRANTED).containsExactlyInAnyOrder("hamm", "nuernberg");
    }

    @Test
    void theDirectoryShowsTheSeason() {
        JsonNode hamm = ok(afterTheSeason("/api/directory/hamm")).json();
        assertThat(hamm.path("name").asText()).isEqualTo("Familienbündnis Hamm");
        assertThat(hamm.path("bundesland").asText()).isEqualTo("DE-NW");
        assertThat(hamm.path("partnerCount").asInt()).isEqualTo(2);
        assertThat(hamm.path("partnersByType").path("CHAMBER").asInt()).isEqualTo(1);
        assertThat(hamm.path("lastSurvey").path("activityLevel").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(hamm.path("lastSurvey").path("channel").asText()).isEqualTo("INTERVIEW");
        assertThat(hamm.path("sealsHeld")).isEmpty();
        assertThat(hamm.path("seals").get(0).path("revoked").asBoolean()).isTrue();
        assertThat(hamm.path("seals").get(0).path("revokedReason").asText()).isEqualTo("Angaben der Umfrage nicht belegt");

        JsonNode nuernberg = ok(afterTheSeason("/api/directory/nuernberg")).json();
        assertThat(nuernberg.path("sealsHeld").get(0).asText()).isEqualTo("2024/25");
        assertThat(nuernberg.path("seals").get(0).path("grantedOn").asText()).isEqualTo("2024-11-22");
        assertThat(ok(afterTheSeason("/api/directory/erfurt")).json().path("status").asText()).isEqualTo("PAUSED");

        assertThat(ids(afterTheSeason("/api/directory?q=" + encode("bundnis") + "&bundesland=DE-NW")))
                .containsExactly("hamm", "koeln");
        assertThat(ids(afterTheSeason("/api/directory?q=" + encode("Bündnis") + "&bundesland=DE-NW")))
                .containsExactly("hamm", "koeln");
        assertThat(ids(afterTheSeason("/api/directory?q=muenchen"))).isEmpty();
        assertThat(ids(afterTheSeason("/api/directory?q=nuernberg"))).containsExactly("nuernberg");
        assertThat(ids(afterTheSeason("/api/directory?seal=2024-25"))).containsExactly("nuernberg");
        assertThat(ids(afterTheSeason("/api/directory?status=PAUSED"))).containsExactly("erfurt");
        assertThat(ids(afterTheSeason("/api/directory?sort=-activityLevel&size=3")))
                .containsExactly("erfurt", "koeln", "bremen");
        Http.Answer page = ok(afterTheSeason("/api/directory?size=4&page=1"));
        assertThat(page.json().path("total").asLong()).isEqualTo(6);
        assertThat(page.json().path("entries")).hasSize(2);

        JsonNode stats = ok(afterTheSeason("/api/directory/stats")).json();
        assertThat(stats.path("total").asLong()).isEqualTo(6);
        assertThat(stats.path("perBundesland").path("DE-NW").asLong()).isEqualTo(2);
        assertThat(stats.path("perBundesland").path("DE-BW").asLong()).isZero();
        assertThat(stats.path("perStatus").path("PAUSED").asLong()).isEqualTo(1);
        assertThat(stats.path("perSealPeriod").path("2024/25").asLong()).isEqualTo(1);

    }

    @Test
    void theEligibilityViewShowsWhoIsMissingWhat() {
        JsonNode overview = ok(afterTheSeason("/api/eligibility/2024-25")).json();
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

        JsonNode hamm = ok(afterTheSeason("/api/eligibility/2024-25/hamm")).json();
        JsonNode attendance = hamm.path("criteria").path("werkstattAttended");
        assertThat(attendance.path("mode").asText()).isEqualTo("REPRESENTATIVE");
        assertThat(attendance.path("representativeOrganisation").asText()).isEqualTo("Stadt Hamm, Familienbüro");
        assertThat(attendance.path("werkstattId").asText()).isEqualTo("hamm");
        assertThat(hamm.path("criteria").path("surveySufficient").path("activityLevel").decimalValue())
                .isEqualByComparingTo("3.00");
        assertThat(hamm.path("revocation").path("reason").asText()).isEqualTo("Angaben der Umfrage nicht belegt");

        JsonNode northRhine = ok(afterTheSeason("/api/eligibility/2024-25?bundesland=DE-NW&status=MISSING")).json();
        List<String> ids = new ArrayList<>();
        northRhine.path("entries").forEach(entry -> ids.add(entry.path("buendnisId").asText()));
        assertThat(ids).containsExactly("koeln");
        assertThat(queries.get("/api/eligibility/2099-00").status()).isEqualTo(404);
    }

    @Test
    void theAuditHistoryListsTheSeasonWithCallersAndReasons() {
        // the events were stored today, so they belong to this calendar year in Berlin
        int year = seasonYear;
        JsonNode history = ok(afterTheSeason("/api/audit/" + year + "?size=200")).json();
        List<JsonNode> entries = new ArrayList<>();
        history.path("entries").forEach(entries::add);
        assertThat(history.path("total").asLong()).isEqualTo(entries.size());
        assertThat(entries).extracting(e -> e.path("position").asLong()).isSorted();

        JsonNode submission = entries.stream().filter(e -> e.path("eventType").asText().equals("SurveySubmitted")
                && e.path("buendnisId").asText().equals("nuernberg")).findFirst().orElseThrow();
        // who acted is the token's identity, not the caller the request claimed in a header
        assertThat(submission.path("caller").asText()).isEqualTo(TestTokens.name(Role.SERVICE));
        assertThat(submission.path("callerSubject").asText()).isEqualTo(TestTokens.subject(Role.SERVICE));
        assertThat(submission.path("callerClient").asText()).isEqualTo(TestTokens.client(Role.SERVICE));
        assertThat(submission.path("callerRole").asText()).isEqualTo("service");
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

        Http.Answer csv = afterTheSeason("csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("audit-" + year + ".csv");
        assertThat(csv.body()).startsWith("\uFEFFposition;timestamp;eventType");
        assertThat(csv.body().split("\r\n")).hasSize(entries.size() + 1);
        assertThat(csv.body()).contains("Familienbüro");
    }

    @Test
    void aQueryGivenTheCommandsPositionSeesTheWriteAtOnce() {
        // no polling: the query waits until the directory has reached the position the command answered with
        for (int i = 0; i < 5; i++) {
            String id = "ryw-" + i;
            register(id, "Bündnis Lesen " + i, "05915000", "DE-NW", "Hamm");
            assertThat(query("/api/directory/" + id).status()).isEqualTo(200);
            command(commands.post("/api/buendnisse/" + id + "/partners",
                    json("{'partnerId': 'stadt', 'name': 'Stadt Hamm', 'type': 'MUNICIPALITY'}")), 201);
            assertThat(ok(query("/api/directory/" + id)).json().path("partnerCount").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aPositionTheProjectionCannotReachInTimeAnswers503WithRetryAfter() {
        register("behind", "Bündnis Warten", "05915000", "DE-NW", "Hamm");
        long beyond = Long.parseLong(position) + 1_000_000;
        Http.Answer behind = queries.get("/api/directory/behind?position=" + beyond);
        assertThat(behind.status()).isEqualTo(503);
        assertThat(behind.header("Retry-After")).isEqualTo("1");
        assertThat(behind.header("Content-Type")).startsWith("application/problem+json");
        assertThat(behind.json().path("projection").asText()).isEqualTo("directory");
    }

    @Test
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
        Http.Answer unknown = queries.get("/api/directory/unbekannt");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(queries.get("/api/directory/%21%21").rules()).containsExactly("id-format");
    }

    @Test
    void aRebuildOfEveryProjectionYieldsDocumentsIdenticalToTheLiveOnes() {
        long head = ok(queryOperations.get("/api/admin/projections/directory")).json().path("head").asLong();
        for (String projection : List.of("directory", "eligibility", "seal-register", "audit-history", "audit-chain")) {
            await("live " + projection + " up to the head").atMost(Duration.ofSeconds(30))
                    .until(() -> ok(serviceOf("/api/admin/projections/" + projection).get("/api/admin/projections/" + projection)).json()
                            .path("position").asLong() >= head);
        }
        Map<String, List<Document>> live = projectionDocuments();
        assertThat(live.keySet()).contains("directory", "audit_history", "seal_register");
        assertThat(live.get("seal_register")).as("the season's grants in the seal register").isNotEmpty();
        assertThat(live.keySet()).anyMatch(name -> name.startsWith("eligibility"));

        for (String projection : List.of("directory", "eligibility", "seal-register", "audit-history", "audit-chain")) {
            Http.Answer started = serviceOf("/api/admin/projections/" + projection).post("/api/admin/projections/" + projection + "/rebuild", null);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.json().path("eventsTotal").asLong()).isPositive();
            JsonNode state = await("rebuild of " + projection).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> ok(serviceOf("/api/admin/projections/" + projection).get("/api/admin/projections/" + projection)).json(),
                            answer -> answer.path("rebuild").path("finished").asBoolean());
            assertThat(state.path("rebuild").path("eventsDone").asLong())
                    .isEqualTo(state.path("rebuild").path("eventsTotal").asLong());
            assertThat(state.path("running").asBoolean()).isTrue();
        }

        assertThat(projectionDocuments()).isEqualTo(live);
    }

    @Test
    void healthReportsAProjectionWhoseProcessorHasStopped() {
        StreamingEventProcessor directory = processing.eventProcessor("directory", StreamingEventProcessor.class)
                .orElseThrow();
        directory.shutDown();
        try {
            Http.Answer health = queryOperations.get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("components").path("projections").path("details").path("directory")
                    .path("status").asText()).isEqualTo("STOPPED");
        } finally {
            directory.start();
        }
        assertThat(queryOperations.get("/actuator/health").status()).isEqualTo(200);
        // restarted, the directory answers a new write again. (After a rebuild, a processor restarted with no new
        // event reports the rebuild as unfinished, and the projection answers 503, until it has handled the next
        // event; the write ends that, so no later test finds the directory "being rebuilt".)
        register("restarted", "Bündnis Neustart", "05915000", "DE-NW", "Hamm");
        await("the restarted directory answers").atMost(Duration.ofSeconds(10))
                .until(() -> query("/api/directory/restarted").status() == 200);
        assertThat(ok(queryOperations.get("/actuator/prometheus")).body())
                .contains("lbf_projection_lag_events{projection=\"directory\"}");
    }

    @Test
    void theSeasonsStoredHistoryVerifiesIntactAgainstItsFingerprints() {
        long head = ok(auditOperations.get("/api/admin/projections/audit-chain")).json().path("head").asLong();

        JsonNode report = ok(audits.get("/api/audit/verify?position=" + head)).json();

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
        for (MongoDatabase database : List.of(queryDatabase, SERVICES.audit().bean(MongoDatabase.class))) {
            for (String name : database.listCollectionNames()) {
                if (!name.equals("trackingtokens") && !name.equals("deadletters")
                        && !name.equals("projection_rebuilds")) {
                    documents.put(name, database.getCollection(name).find().sort(new Document("_id", 1))
                            .into(new ArrayList<>()));
                }
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
        // the survey tool sends as a calling service; the caller it claims in a header changes nothing
        command(surveyTool.post("/api/survey-campaigns/2024/submissions", json("""
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
    private void holdTheCeremonyOnceTheIntakeHasCaughtUp() {
        SERVICES.awaitIntake("seal-award:2024/25", 6, "erfurt");
        Http.Answer ceremony = command(commands.post("/api/seal-awards/2024-25/ceremony", null), 200);
        ceremony.json().path("granted").forEach(n -> CEREMONY_GRANTED.add(n.asText()));
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

}
