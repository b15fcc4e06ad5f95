package de.lokalebuendnisse.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.kernel.survey.SurveyAmended;
import de.lokalebuendnisse.kernel.survey.SurveyAnswersImported;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import de.lokalebuendnisse.platform.messaging.MetadataKeys;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static de.lokalebuendnisse.command.web.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The survey import through HTTP, as the Servicebüro's tools send it: multipart uploads of the fixtures, the dry run
 * that stores nothing, the import, the repeat that stores nothing, the corrected row that becomes an amendment, the
 * closed campaign, the interview CSV, and refusals of the upload itself (format, mapping, media type, size, role).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class SurveyImportIntegrationTest {

    private static final Path DATA = createDataDir();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    HttpApi api;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void client() {
        api = new HttpApi(port);
    }

    @Test
    void dryRunStoresNothingImportStoresOnceRepeatStoresNothingCorrectionAmendsClosedTakesNothing() {
        int year = 2021;
        openCampaign(year);
        for (String name : List.of("hamm", "nuernberg", "fuerth", "koeln")) {
            register(name);
        }
        String mapping = limeSurveyMapping();
        byte[] jsonExport = fixture("limesurvey-responses.json");

        Answer dryRun = upload(year, true, Role.SERVICE, "Umfrage Bündnisse 2021.json", jsonExport, mapping,
                "limesurvey-json");
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        JsonNode dry = dryRun.json();
        assertThat(dry.path("dryRun").asBoolean()).isTrue();
        assertThat(dry.path("recorded").asBoolean()).isFalse();
        assertThat(outcomes(dry)).containsExactly("1 hamm SUBMIT", "2 nuernberg SUBMIT", "3 fuerth REFUSED",
                "4 null REFUSED", "5 koeln REFUSED");
        assertThat(rules(dry, 3)).containsExactly("every-criterion-answered");
        assertThat(rules(dry, 4)).containsExactly("alliance-known");
        assertThat(rules(dry, 5)).containsExactly("answer-known", "interest-answered", "every-criterion-answered");
        assertThat(dry.path("rows").get(4).path("problems").get(0).path("field").asText()).isEqualTo("Q2[SQ001]");
        assertThat(dry.path("source").path("fileName").asText()).isEqualTo("Umfrage Bündnisse 2021.json");
        assertThat(events(year)).hasSize(1); // only the opening

        Answer imported = upload(year, false, Role.SERVICE, "Umfrage Bündnisse 2021.json", jsonExport, mapping,
                "limesurvey-json");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().path("recorded").asBoolean()).isTrue();
        assertThat(imported.json().path("counts").toString())
                .isEqualTo("{\"rows\":5,\"submit\":2,\"amend\":0,\"unchanged\":0,\"refused\":3}");
        List<DomainEventMessage<?>> afterImport = events(year);
        assertThat(afterImport).extracting(m -> m.getPayloadType().getSimpleName()).containsExactly(
                "SurveyCampaignOpened", "SurveySubmitted", "SurveySubmitted", "SurveyAnswersImported");
        DomainEventMessage<?> importEvent = afterImport.get(3);
        assertThat(importEvent.getMetaData().get(MetadataKeys.CALLER_ROLE)).isEqualTo("service");
        SurveyAnswersImported recorded = (SurveyAnswersImported) importEvent.getPayload();
        assertThat(recorded.mapping().allianceColumn()).isEqualTo("token");
        assertThat(recorded.refusedRows()).hasSize(3);
        // the answer quotes the file's cells to the uploader; the stored record names fields and rules only
        assertThat(dry.toString()).contains("vielleicht");
        assertThat(recorded.refusedRows().toString()).contains("interest-answered").doesNotContain("vielleicht");
        assertThat(((SurveySubmitted) afterImport.get(1).getPayload()).buendnisId().value()).isEqualTo(id("hamm"));

        Answer repeat = upload(year, false, Role.SERVICE, "Umfrage Bündnisse 2021.json", jsonExport, mapping,
                "limesurvey-json");
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().path("recorded").asBoolean()).isFalse();
        assertThat(outcomes(repeat.json())).startsWith("1 hamm UNCHANGED", "2 nuernberg UNCHANGED");
        assertThat(events(year)).hasSize(4);

        // the same answers as CSV (BOM, ';'), with Nürnberg's third answer corrected: one amendment, by staff
        String csv = new String(fixture("limesurvey-responses-bom-semicolon.csv"), StandardCharsets.UTF_8)
                .replace(";A2;A2;A3;N;", ";A2;A2;A4;N;");
        Answer corrected = upload(year, false, Role.STAFF, "umfrage.csv", csv.getBytes(StandardCharsets.UTF_8),
                mapping, "limesurvey-csv");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(outcomes(corrected.json())).startsWith("1 hamm UNCHANGED", "2 nuernberg AMEND");
        List<DomainEventMessage<?>> afterCorrection = events(year);
        assertThat(afterCorrection).hasSize(6);
        assertThat(afterCorrection.get(4).getPayload()).isInstanceOfSatisfying(SurveyAmended.class,
                amended -> assertThat(amended.scores()).hasSize(3));
        assertThat(afterCorrection.get(5).getMetaData().get(MetadataKeys.CALLER_ROLE)).isEqualTo("staff");

        assertThat(api.post("/api/survey-campaigns/" + year + "/close", null).status()).isEqualTo(200);
        String again = csv.replace(";A2;A2;A4;N;", ";A5;A5;A5;Y;");
        Answer closed = upload(year, false, Role.STAFF, "umfrage.csv", again.getBytes(StandardCharsets.UTF_8),
                mapping, "limesurvey-csv");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().path("recorded").asBoolean()).isFalse();
        assertThat(closed.json().path("importProblems").get(0).path("rule").asText()).isEqualTo("campaign-open");
        assertThat(outcomes(closed.json())).startsWith("1 hamm UNCHANGED", "2 nuernberg REFUSED");
        assertThat(events(year)).hasSize(7); // the closing only
    }

    @Test
    void aResendUnderTheSameIdempotencyKeyGetsTheFirstAnswerBack() {
        int year = 2018;
        openCampaign(year);
        register("hamm");
        register("nuernberg");
        byte[] export = fixture("limesurvey-responses.json");
        String key = "import-" + run;
        Answer first = upload(year, false, Role.SERVICE, "x.json", export, limeSurveyMapping(), "limesurvey-json",
                "Idempotency-Key", key);
        Answer resent = upload(year, false, Role.SERVICE, "x.json", export, limeSurveyMapping(), "limesurvey-json",
                "Idempotency-Key", key);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("recorded").asBoolean()).isTrue();
        assertThat(resent.replayed()).isEqualTo("true");
        assertThat(resent.json()).isEqualTo(first.json());
        assertThat(events(year)).hasSize(4);
    }

    @Test
    void interviewCsvIsImportedAsInterviewsWithItsRowProblems() {
        int year = 2022;
        openCampaign(year);
        for (String name : List.of("hamm", "nuernberg", "fuerth", "koeln")) {
            register(name);
        }
        String mapping = new String(fixture("interview-mapping.json"), StandardCharsets.UTF_8).replace(
                "\"criteria\"", "\"allianceIds\": {\"hamm\": \"%s\", \"nuernberg\": \"%s\", \"fuerth\": \"%s\", \"koeln\": \"%s\"}, \"criteria\""
                        .formatted(id("hamm"), id("nuernberg"), id("fuerth"), id("koeln")));
        Answer answer = upload(year, false, Role.STAFF, "interviews.csv", fixture("interviews.csv"), mapping,
                "interview-csv");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(outcomes(answer.json())).containsExactly("1 hamm SUBMIT", "2 nuernberg REFUSED",
                "3 fuerth REFUSED", "4 koeln REFUSED");
        assertThat(rules(answer.json(), 2)).containsExactly("answer-known", "every-criterion-answered");
        assertThat(rules(answer.json(), 3)).containsExactly("interviewer-named");
        assertThat(rules(answer.json(), 4)).containsExactly("interview-date");
        assertThat(events(year)).extracting(DomainEventMessage::getPayload).element(1)
                .isInstanceOfSatisfying(SurveySubmitted.class, submitted ->
                        assertThat(submitted.channel().name()).isEqualTo("INTERVIEW"));
    }

    @Test
    void theUploadItselfIsRefusedPreciselyAndStoresNothing() {
        int year = 2023;
        openCampaign(year);
        register("hamm");
        byte[] export = fixture("limesurvey-responses.json");
        String mapping = limeSurveyMapping();

        Answer noFormat = upload(year, false, Role.STAFF, "x.json", export, mapping, null);
        assertThat(noFormat.status()).isEqualTo(400);
        assertThat(noFormat.header()).startsWith("application/problem+json");
        assertThat(noFormat.rules()).containsExactly("required");
        Answer badFormat = upload(year, false, Role.STAFF, "x.json", export, mapping, "excel");
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.rules()).containsExactly("one-of");
        Answer badMapping = upload(year, false, Role.STAFF, "x.json", export,
                mapping.replace("\"A1\": 1", "\"A1\": \"1\""), "limesurvey-json");
        assertThat(badMapping.status()).isEqualTo(422);
        assertThat(badMapping.json().path("violations").get(0).path("field").asText()).isEqualTo("mapping.answerScores.A1");
        Answer wrongColumns = upload(year, false, Role.STAFF, "x.csv", fixture("interviews.csv"), mapping,
                "limesurvey-csv");
        assertThat(wrongColumns.status()).isEqualTo(422);
        assertThat(wrongColumns.rules()).contains("column-present");
        Answer brokenJson = upload(year, false, Role.STAFF, "x.json", "{\"responses\": [".getBytes(StandardCharsets.UTF_8),
                mapping, "limesurvey-json");
        assertThat(brokenJson.status()).isEqualTo(422);
        assertThat(brokenJson.rules()).containsExactly("json-syntax");
        var asJson = api.post("/api/survey-campaigns/" + year + "/imports", "{}");
        assertThat(asJson.status()).isEqualTo(415);
        Answer auditor = upload(year, false, Role.AUDITOR, "x.json", export, mapping, "limesurvey-json");
        assertThat(auditor.status()).isEqualTo(403);
        Answer unknownCampaign = upload(2019, false, Role.STAFF, "x.json", export, mapping, "limesurvey-json");
        assertThat(unknownCampaign.status()).isEqualTo(404);

        // above the platform's 64 KB limit is fine here; above the upload limit (5 MB) is not
        String padded = new String(export, StandardCharsets.UTF_8).replace("\"Gemeinsam für Familien – wir freuen uns!\"",
                "\"" + "ä".repeat(100_000) + "\"");
        Answer large = upload(year, true, Role.STAFF, "x.json", padded.getBytes(StandardCharsets.UTF_8), mapping,
                "limesurvey-json");
        assertThat(large.status()).as(large.body()).isEqualTo(200);
        byte[] tooLarge = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(tooLarge, (byte) 'x');
        Answer over = upload(year, false, Role.STAFF, "x.json", tooLarge, mapping, "limesurvey-json");
        assertThat(over.status()).isEqualTo(413);
        assertThat(events(year)).hasSize(1);
    }

    @Test
    void theCommandLineReadsTheFileShowsProgressSendsItAndPrintsTheReport() throws IOException {
        int year = 2020;
        openCampaign(year);
        for (String name : List.of("hamm", "nuernberg")) {
            register(name);
        }
        Path dir = Files.createTempDirectory(DATA, "cli");
        Path file = Files.write(dir.resolve("Umfrage Nürnberg.csv"), fixture("limesurvey-responses-bom-semicolon.csv"));
        Path mapping = Files.writeString(dir.resolve("mapping.json"), limeSurveyMapping());
        String token = TestTokens.bearer(Role.SERVICE).substring("Bearer ".length());
        String[] args = {"import-survey", "--year=" + year, "--format=limesurvey-csv", "--file=" + file,
                "--mapping=" + mapping, "--url=http://localhost:" + port};

        Cli dryRun = cli(withDryRun(args), token);
        assertThat(dryRun.exit()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("read 5/5 rows", "rows 5: 2 submit, 0 amend, 0 unchanged, 3 refused",
                "row 4 (no alliance):", "alliance-known", "dry run: nothing stored");
        assertThat(events(year)).hasSize(1);

        Cli imported = cli(args, token);
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported as ");
        assertThat(events(year)).hasSize(4);
        Cli repeated = cli(args, token);
        assertThat(repeated.exit()).isZero();
        assertThat(repeated.out()).contains("rows 5: 0 submit, 0 amend, 2 unchanged, 3 refused",
                "nothing new: nothing stored");
        assertThat(events(year)).hasSize(4);

        Cli auditor = cli(args, TestTokens.bearer(Role.AUDITOR).substring("Bearer ".length()));
        assertThat(auditor.exit()).isEqualTo(3);
        assertThat(auditor.err()).contains("refused (403)");
        Path brokenMapping = Files.writeString(dir.resolve("broken.json"), "{\"criteria\": {}}");
        Cli broken = cli(new String[]{"import-survey", "--year=" + year, "--format=limesurvey-csv", "--file=" + file,
                "--mapping=" + brokenMapping, "--url=http://localhost:" + port}, token);
        assertThat(broken.exit()).isEqualTo(3);
        assertThat(broken.err()).contains("mapping.allianceColumn required", "refused before sending");
    }

    private static String[] withDryRun(String[] args) {
        String[] withFlag = java.util.Arrays.copyOf(args, args.length + 1);
        withFlag[args.length] = "--dry-run";
        return withFlag;
    }

    record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String[] args, String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = de.lokalebuendnisse.command.surveyimport.SurveyImportCommandLine.run(args, token,
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    record Answer(int status, String header, String body, String replayed) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        List<String> rules() {
            List<String> rules = new ArrayList<>();
            json().path("violations").forEach(v -> rules.add(v.path("rule").asText()));
            return rules;
        }
    }

    private Answer upload(int year, boolean dryRun, Role role, String fileName, byte[] file, String mapping,
                          String format, String... headers) {
        // the same upload is the same bytes, as a client's resend would be
        String boundary = "lbf-test-boundary-7f3a";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "file", fileName, file);
        part(body, boundary, "mapping", null, mapping.getBytes(StandardCharsets.UTF_8));
        if (format != null) {
            part(body, boundary, "format", null, format.getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/survey-campaigns/"
                        + year + "/imports" + (dryRun ? "?dryRun=true" : "")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", TestTokens.bearer(role))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("Idempotent-Replayed").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, byte[] content) {
        String disposition = "Content-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"");
        body.writeBytes(("--" + boundary + "\r\n" + disposition + "\r\n"
                + (fileName == null ? "" : "Content-Type: application/octet-stream\r\n") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private String limeSurveyMapping() {
        return new String(fixture("limesurvey-mapping.json"), StandardCharsets.UTF_8)
                .replace("\"hamm\"", "\"" + id("hamm") + "\"").replace("\"nuernberg\"", "\"" + id("nuernberg") + "\"")
                .replace("\"fuerth\"", "\"" + id("fuerth") + "\"").replace("\"koeln\"", "\"" + id("koeln") + "\"");
    }

    private List<String> outcomes(JsonNode report) {
        List<String> outcomes = new ArrayList<>();
        report.path("rows").forEach(row -> outcomes.add(row.path("rowNumber").asInt() + " "
                + (row.path("buendnisId").isNull() ? "null" : row.path("buendnisId").asText().replace("-" + run, ""))
                + " " + row.path("outcome").asText()));
        return outcomes;
    }

    private static List<String> rules(JsonNode report, int rowNumber) {
        List<String> rules = new ArrayList<>();
        report.path("rows").get(rowNumber - 1).path("problems").forEach(p -> rules.add(p.path("rule").asText()));
        return rules;
    }

    private List<DomainEventMessage<?>> events(int year) {
        return eventStore.readEvents("survey-campaign:" + year).asStream().<DomainEventMessage<?>>map(m -> m).toList();
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private void openCampaign(int year) {
        var answer = api.post("/api/survey-campaigns", json("""
                {'year': %d, 'title': 'Bündnisumfrage %d', 'scale': {'min': 1, 'max': 5}, 'threshold': 3.0,
                 'criteria': [{'id': 'netzwerk', 'title': 'Netzwerk und Partner'},
                              {'id': 'projekte', 'title': 'Projekte'},
                              {'id': 'sichtbarkeit', 'title': 'Sichtbarkeit'}],
                 'opensOn': '%d-03-01', 'closesOn': '%d-06-30'}""".formatted(year, year, year, year)));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    private void register(String name) {
        var answer = api.post("/api/buendnisse", json("""
                {'id': '%s', 'name': 'Lokales Bündnis für Familie %s', 'municipalityKey': '05915000', 'place': 'Hamm',
                 'bundesland': 'DE-NW', 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2006-05-15',
                 'website': 'https://example.org/buendnis', 'fieldsOfAction': ['CHILD_CARE'],
                 'futureTopics': ['CHILD_CARE']}""".formatted(id(name), name)));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    static byte[] fixture(String name) {
        try (InputStream in = SurveyImportIntegrationTest.class.getResourceAsStream("/surveyimport/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("lbf-command-import");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
