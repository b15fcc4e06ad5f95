package de.lokalebuendnisse.query.invitations;

import com.fasterxml.jackson.databind.JsonNode;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.query.testing.ServicesBeside;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static de.lokalebuendnisse.platform.testing.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Step 2 of the seal cycle through the services as {@code ./run.sh} runs them: after the survey the office lists whom
 * to invite to the Zukunftswerkstätten (sufficient outcome with interest in Projekt Zukunft, and the previous
 * period's holders; not the paused), writes the mail merge, and records that the invitations went out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING, "lbf.query.consistency-wait=5s"})
class InvitationsEndToEndTest {

    @RegisterExtension
    static final ServicesBeside SERVICES = ServicesBeside.commandAndAuditServices("invitations-e2e");

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", () -> SERVICES.dataDir().toString());
    }

    /** A spreadsheet would run this as a formula unless it is neutralised. */
    private static final String FORMULA_NAME = "=Erika Formel";

    @LocalServerPort
    int port;
    Http commands;
    Http surveyTool;
    Http queries;
    Http audits;
    private String position;

    @BeforeEach
    void clients() {
        commands = new Http(SERVICES.commands().port()).as(Role.STAFF);
        surveyTool = new Http(SERVICES.commands().port()).as(Role.SERVICE);
        queries = new Http(port).as(Role.STAFF);
        audits = new Http(SERVICES.audit().port()).as(Role.AUDITOR);
    }

    @Test
    void listsWhomToInviteWritesTheMailMergeAndRecordsTheInvitationsOnce() {
        theSeason();

        // --- the list: survey-qualified and the previous holder; not without interest, insufficient or paused ---
        JsonNode list = ok(queries.get("/api/eligibility/2024-25/invitations", "X-Event-Position", position)).json();
        List<String> ids = new ArrayList<>();
        list.path("invitees").forEach(i -> ids.add(i.path("buendnisId").asText()));
        assertThat(ids).containsExactly("bremen", "hamm", "jena");
        JsonNode bremen = list.path("invitees").get(0);
        assertThat(bremen.path("basis").asText()).isEqualTo("SURVEY");
        assertThat(bremen.path("name").asText()).isEqualTo("Bremer Bündnis für Familie");
        assertThat(bremen.path("place").asText()).isEqualTo("Bremen");
        assertThat(bremen.path("primaryContact").path("name").asText()).isEqualTo(FORMULA_NAME);
        assertThat(bremen.path("primaryContact").path("email").asText()).isEqualTo("kontakt@bremen.example");
        assertThat(bremen.path("primaryContact").path("language").asText()).isEqualTo("de");
        assertThat(bremen.path("invitedOn").isNull()).isTrue();
        JsonNode hamm = list.path("invitees").get(1);
        assertThat(hamm.path("basis").asText()).isEqualTo("RENEWAL");
        assertThat(hamm.path("primaryContact").path("name").asText()).isEqualTo("Erika Hamm");
        assertThat(list.path("invitees").get(2).path("primaryContact").isNull()).isTrue();
        assertThat(new Http(port).as(Role.AUDITOR).get("/api/eligibility/2024-25/invitations").status())
                .as("personal data: staff only").isEqualTo(403);

        // --- the mail merge -------------------------------------------------------------------------------------
        for (Http.Answer csv : List.of(queries.get("/api/eligibility/2024-25/invitations", "Accept", "text/csv"),
                queries.get("/api/eligibility/2024-25/invitations?format=csv"))) {
            String body = ok(csv).body();
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(body).startsWith("\uFEFFbuendnisId;name;place;bundesland;basis;contactName;");
            assertThat(body.lines().toList()).hasSize(4);
            assertThat(body).contains(";'=Erika Formel;kontakt@bremen.example;")
                    .contains("hamm;Familienbündnis Hamm;Hamm;DE-NW;RENEWAL;Erika Hamm;");
        }

        // --- recorded once --------------------------------------------------------------------------------------
        String invitation = json("""
                {'buendnisIds': ['bremen', 'hamm'], 'werkstattIds': ['west-2024'], 'invitationChannel': 'EMAIL'}""");
        JsonNode recorded = command(commands.post("/api/seal-awards/2024-25/invitations", invitation), 200).json();
        assertThat(recorded.path("recorded").toString()).isEqualTo("[\"bremen\",\"hamm\"]");
        String afterFirst = position;
        Http.Answer repeat = commands.post("/api/seal-awards/2024-25/invitations", invitation);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
        assertThat(repeat.json().path("recorded").size()).isZero();
        assertThat(repeat.json().path("alreadyRecorded").toString()).isEqualTo("[\"bremen\",\"hamm\"]");
        Http.Answer refused = commands.post("/api/seal-awards/2024-25/invitations", json("""
                {'buendnisIds': ['erfurt'], 'werkstattIds': ['west-2024'], 'invitationChannel': 'EMAIL'}"""));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.rules()).containsExactly("on-invitation-list");

        // --- visible ---------------------------------------------------------------------------------------------
        String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
        JsonNode entry = ok(queries.get("/api/eligibility/2024-25/bremen", "X-Event-Position", afterFirst)).json();
        assertThat(entry.path("invitedOn").asText()).isEqualTo(today);
        assertThat(entry.path("invitationChannel").asText()).isEqualTo("EMAIL");
        JsonNode listed = ok(queries.get("/api/eligibility/2024-25/invitations", "X-Event-Position", afterFirst))
                .json().path("invitees");
        assertThat(listed.get(0).path("invitedOn").asText()).isEqualTo(today);
        assertThat(listed.get(2).path("invitedOn").isNull()).as("jena is not invited yet").isTrue();
        int year = LocalDate.now(ZoneId.of("Europe/Berlin")).getYear();
        String history = await("the audit history lists the invitations").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> audits.get("/api/audit/" + year, "Accept", "text/csv").body(),
                        body -> body.contains("Einladung zu Zukunftswerkstatt"));
        assertThat(history).contains("per E-Mail versandt an 2 Bündnisse (bremen, hamm).");
        assertThat(history.split("Einladung zu Zukunftswerkstatt", -1)).as("the repeat recorded nothing").hasSize(2);
        assertThat(history).doesNotContain("kontakt@bremen.example", "Erika Hamm");
    }

    // --- the season ------------------------------------------------------------------------------------------

    private void theSeason() {
        register("hamm", "Familienbündnis Hamm", "05915000", "DE-NW", "Hamm");
        register("bremen", "Bremer Bündnis für Familie", "04011000", "DE-HB", "Bremen");
        register("koeln", "Kölner Bündnis für Familie", "05315000", "DE-NW", "Köln");
        register("leipzig", "Lokales Bündnis Leipzig", "14713000", "DE-SN", "Leipzig");
        register("erfurt", "Erfurter Familienbündnis", "16051000", "DE-TH", "Erfurt");
        register("jena", "Jenaer Bündnis für Familie", "16053000", "DE-TH", "Jena");
        contact("hamm", "Erika Hamm", "erika@hamm.example");
        contact("bremen", FORMULA_NAME, "kontakt@bremen.example");
        contact("erfurt", "Paula Pause", "paula@erfurt.example");

        // the previous period: Hamm earns its seal there
        campaign(2023);
        submit(2023, "hamm", 4, true);
        period("2023/24", 2023);
        command(commands.post("/api/seal-awards/2023-24/werkstaetten", json("""
                {'werkstattId': 'west-2023', 'region': 'West', 'place': 'Hamm', 'date': '2023-09-12',
                 'format': 'IN_PERSON'}""")), 201);
        command(commands.post("/api/seal-awards/2023-24/attendances", json("""
                {'werkstattId': 'west-2023', 'buendnisId': 'hamm', 'mode': 'SELF'}""")), 201);
        // the award intake forwards the outcome on its own schedule; the grant is refused until it has
        await("hamm's seal 2023/24").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> commands.post("/api/seal-awards/2023-24/grants", json("{'buendnisId': 'hamm'}")),
                        answer -> answer.status() == 201);

        campaign(2024);
        submit(2024, "bremen", 4, true);
        submit(2024, "koeln", 4, false);
        submit(2024, "leipzig", 2, true);
        submit(2024, "erfurt", 4, true);
        submit(2024, "jena", 4, true);
        period("2024/25", 2024);
        command(commands.post("/api/buendnisse/erfurt/pause", json("{'reason': 'Koordination unbesetzt'}")), 200);
        command(commands.post("/api/seal-awards/2024-25/werkstaetten", json("""
                {'werkstattId': 'west-2024', 'region': 'West', 'place': 'Hamm', 'date': '2024-09-12',
                 'format': 'IN_PERSON'}""")), 201);
        SERVICES.awaitIntake("seal-award:2024/25", 5, "erfurt");
        // a read at this position sees the forwarded events too: a command after them
        command(commands.post("/api/seal-awards/2024-25/werkstaetten", json("""
                {'werkstattId': 'ost-2024', 'region': 'Ost', 'place': 'Jena', 'date': '2024-09-19',
                 'format': 'IN_PERSON'}""")), 201);
    }

    private void register(String id, String name, String ags, String land, String place) {
        command(commands.post("/api/buendnisse", json("""
                {'id': '%s', 'name': '%s', 'municipalityKey': '%s', 'place': '%s', 'bundesland': '%s',
                 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2005-03-01', 'website': 'https://example.org',
                 'fieldsOfAction': ['CHILD_CARE'], 'futureTopics': ['CHILD_CARE']}""".formatted(id, name, ags,
                place, land))), 201);
    }

    private void contact(String alliance, String name, String email) {
        command(commands.post("/api/buendnisse/" + alliance + "/contacts", json("""
                {'name': '%s', 'function': 'KOORDINATION', 'engagement': 'VOLUNTEER', 'email': '%s',
                 'phone': '+49 30 1234567', 'language': 'de', 'primary': true}""".formatted(name, email)),
                "Idempotency-Key", UUID.randomUUID().toString()), 201);
    }

    private void campaign(int year) {
        command(commands.post("/api/survey-campaigns", json("""
                {'year': %d, 'title': 'Bündnisumfrage %d', 'scale': {'min': 0, 'max': 4}, 'threshold': 3.0,
                 'criteria': [{'id': 'netzwerk', 'title': 'Netzwerk und Partner'}],
                 'opensOn': '%d-03-01', 'closesOn': '%d-06-30'}""".formatted(year, year, year, year))), 201);
    }

    private void submit(int year, String alliance, int score, boolean interest) {
        command(surveyTool.post("/api/survey-campaigns/" + year + "/submissions", json("""
                {'buendnisId': '%s', 'scores': [{'criterionId': 'netzwerk', 'score': %d}],
                 'projektZukunftInterest': %s, 'channel': 'ONLINE'}""".formatted(alliance, score, interest))), 201);
    }

    private void period(String label, int surveyYear) {
        command(commands.post("/api/seal-awards", json("""
                {'period': '%s', 'surveyYear': %d, 'sealName': 'Ausgezeichnetes Bündnis %s',
                 'ceremony': {'date': '%d-11-22', 'place': 'Berlin'},
                 'renewalRule': 'RENEW_BY_WERKSTATT_ATTENDANCE'}""".formatted(label, surveyYear, label,
                surveyYear))), 201);
    }

    /** A command's answer; its event position is where the next read waits for. */
    private Http.Answer command(Http.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        position = answer.header("X-Event-Position");
        assertThat(position).as("every command answer carries its event position").matches("\\d+");
        return answer;
    }

    private static Http.Answer ok(Http.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer;
    }
}
