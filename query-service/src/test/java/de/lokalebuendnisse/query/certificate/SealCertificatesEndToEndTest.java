package de.lokalebuendnisse.query.certificate;

import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.query.testing.ServicesBeside;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static de.lokalebuendnisse.platform.testing.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The certificates through the services as {@code ./run.sh} runs them: a season with a ceremony, a grant after it
 * and a revocation, all through the command service; then the office downloads one certificate (PDF/A whose QR code
 * leads to the verification page that says valid), the same again byte for byte, the revoked one (410) and the
 * period's ZIP for printing (the revoked left out).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING, "lbf.query.consistency-wait=5s",
                "lbf.verification.base-url=https://siegel.lbf.test/"})
class SealCertificatesEndToEndTest {

    @RegisterExtension
    static final ServicesBeside SERVICES = ServicesBeside.commandService("certificates-e2e");

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", () -> SERVICES.dataDir().toString());
    }

    @LocalServerPort
    int port;
    private Http commands;
    private Http surveyTool;
    private String position;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theOfficeDownloadsStandingCertificatesOneByOneAndAsTheCeremonyZipButNotARevokedOne() throws Exception {
        commands = new Http(SERVICES.commands().port()).as(Role.STAFF);
        surveyTool = new Http(SERVICES.commands().port()).as(Role.SERVICE);
        theSeason();
        String today = SealCertificateRenderer.germanDate(LocalDate.now(ZoneId.of("Europe/Berlin")));

        // --- one certificate: granted at the ceremony -----------------------------------------------------------
        Download bremen = download("/api/certificates/2024-25/bremen", Role.STAFF);
        assertThat(bremen.status()).as(bremen.text()).isEqualTo(200);
        assertThat(bremen.contentType()).isEqualTo("application/pdf");
        assertThat(bremen.disposition()).contains("attachment",
                "2024-25_bremen_bremer-buendnis-fuer-familie.pdf");
        assertThat(SealCertificateRendererTest.text(bremen.body())).contains("Bremer Bündnis für Familie",
                "Bremen (Bremen)", "„Ausgezeichnetes Bündnis 2024/25“", "für den Auszeichnungszeitraum 2024/25",
                "Bündnisumfrage", "Überreicht beim Bündnisdialog in Berlin am 22. November 2024.", "Prüfcode: ");
        assertThat(SealCertificateRendererTest.pdfaErrors(bremen.body())).isEmpty();

        // --- its QR code leads to the public verification page, which says valid ---------------------------------
        String url = SealCertificateRendererTest.decodeQr(bremen.body());
        assertThat(url).startsWith("https://siegel.lbf.test/verify/");
        String code = url.substring(url.lastIndexOf('/') + 1);
        assertThat(SealCertificateRendererTest.text(bremen.body())).contains("Prüfcode: " + code);
        Http.Answer page = new Http(port).get(URI.create(url).getPath());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-state=\"valid\"", "Bremer Bündnis für Familie");

        // --- the same grant, the same bytes ----------------------------------------------------------------------
        assertThat(download("/api/certificates/2024-25/bremen", Role.STAFF).body()).isEqualTo(bremen.body());

        // --- granted after the ceremony: the day of the grant ----------------------------------------------------
        Download jena = download("/api/certificates/2024-25/jena", Role.STAFF);
        assertThat(jena.status()).as(jena.text()).isEqualTo(200);
        assertThat(SealCertificateRendererTest.text(jena.body())).contains("Jenaer Bündnis für Familie",
                "Verliehen am " + today + ".").doesNotContain("Bündnisdialog");

        // --- revoked: gone, as a problem naming the rule ---------------------------------------------------------
        Download koeln = download("/api/certificates/2024-25/koeln", Role.STAFF);
        assertThat(koeln.status()).as(koeln.text()).isEqualTo(410);
        assertThat(koeln.contentType()).isEqualTo("application/problem+json");
        assertThat(koeln.text()).contains("\"rule\":\"seal-revoked\"", "\"field\":\"buendnisId\"")
                .doesNotContain("Satzung", "Exception");

        // --- unknown: not found ----------------------------------------------------------------------------------
        Download leipzig = download("/api/certificates/2024-25/leipzig", Role.STAFF);
        assertThat(leipzig.status()).isEqualTo(404);
        assertThat(leipzig.contentType()).isEqualTo("application/problem+json");
        assertThat(download("/api/certificates/2023-24", Role.STAFF).status()).isEqualTo(404);
        Download bad = download("/api/certificates/2024/bremen", Role.STAFF);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("\"field\":\"period\"", "\"rule\":\"period-id\"");

        // --- the ceremony's ZIP: the standing certificates, the revoked left out ----------------------------------
        Download zip = download("/api/certificates/2024-25", Role.STAFF);
        assertThat(zip.status()).as(zip.text()).isEqualTo(200);
        assertThat(zip.contentType()).isEqualTo("application/zip");
        assertThat(zip.disposition()).contains("siegelurkunden-2024-25.zip");
        Map<String, byte[]> entries = entries(zip.body());
        assertThat(entries.keySet()).containsExactly("2024-25_bremen_bremer-buendnis-fuer-familie.pdf",
                "2024-25_jena_jenaer-buendnis-fuer-familie.pdf");
        assertThat(entries.get("2024-25_bremen_bremer-buendnis-fuer-familie.pdf")).isEqualTo(bremen.body());
        assertThat(entries.get("2024-25_jena_jenaer-buendnis-fuer-familie.pdf")).isEqualTo(jena.body());

        // --- the office's alone ----------------------------------------------------------------------------------
        for (Role other : new Role[]{Role.SERVICE, Role.AUDITOR}) {
            assertThat(download("/api/certificates/2024-25/bremen", other).status()).as(other.name()).isEqualTo(403);
            assertThat(download("/api/certificates/2024-25", other).status()).as(other.name()).isEqualTo(403);
        }
        assertThat(download("/api/certificates/2024-25", null).status()).isEqualTo(401);
    }

    // --- the season ------------------------------------------------------------------------------------------------

    private void theSeason() {
        register("bremen", "Bremer Bündnis für Familie", "04011000", "DE-HB", "Bremen");
        register("koeln", "Kölner Bündnis für Familie", "05315000", "DE-NW", "Köln");
        register("jena", "Jenaer Bündnis für Familie", "16053000", "DE-TH", "Jena");
        command(commands.post("/api/survey-campaigns", json("""
                {'year': 2024, 'title': 'Bündnisumfrage 2024', 'scale': {'min': 0, 'max': 4}, 'threshold': 3.0,
                 'criteria': [{'id': 'netzwerk', 'title': 'Netzwerk und Partner'}],
                 'opensOn': '2024-03-01', 'closesOn': '2024-06-30'}""")), 201);
        for (String alliance : new String[]{"bremen", "koeln", "jena"}) {
            command(surveyTool.post("/api/survey-campaigns/2024/submissions", json("""
                    {'buendnisId': '%s', 'scores': [{'criterionId': 'netzwerk', 'score': 4}],
                     'projektZukunftInterest': true, 'channel': 'ONLINE'}""".formatted(alliance))), 201);
        }
        command(commands.post("/api/seal-awards", json("""
                {'period': '2024/25', 'surveyYear': 2024, 'sealName': 'Ausgezeichnetes Bündnis 2024/25',
                 'ceremony': {'date': '2024-11-22', 'place': 'Berlin'},
                 'renewalRule': 'RENEW_BY_WERKSTATT_ATTENDANCE'}""")), 201);
        command(commands.post("/api/seal-awards/2024-25/werkstaetten", json("""
                {'werkstattId': 'west-2024', 'region': 'West', 'place': 'Hamm', 'date': '2024-09-12',
                 'format': 'IN_PERSON'}""")), 201);
        attend("bremen");
        attend("koeln");
        awaitOutcomes(3);

        // the ceremony grants bremen and koeln; jena attends afterwards and gets its seal on its own
        command(commands.post("/api/seal-awards/2024-25/ceremony", null), 200);
        attend("jena");
        command(commands.post("/api/seal-awards/2024-25/grants", json("{'buendnisId': 'jena'}")), 201);
        command(commands.post("/api/seal-awards/2024-25/revocations", json("""
                {'buendnisId': 'koeln', 'reason': 'Angaben der Umfrage nicht belegt (Satzung)'}""")), 200);
    }

    private void register(String id, String name, String ags, String land, String place) {
        command(commands.post("/api/buendnisse", json("""
                {'id': '%s', 'name': '%s', 'municipalityKey': '%s', 'place': '%s', 'bundesland': '%s',
                 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2005-03-01', 'website': 'https://example.org',
                 'fieldsOfAction': ['CHILD_CARE'], 'futureTopics': ['CHILD_CARE']}""".formatted(id, name, ags,
                place, land))), 201);
    }

    private void attend(String alliance) {
        command(commands.post("/api/seal-awards/2024-25/attendances", json("""
                {'werkstattId': 'west-2024', 'buendnisId': '%s', 'mode': 'SELF'}""".formatted(alliance))), 201);
    }

    /** The award intake forwards the survey outcomes into the period on its own schedule; the grants need them. */
    private static void awaitOutcomes(long outcomes) {
        EventStore events = SERVICES.commands().bean(EventStore.class);
        await("the award intake forwards " + outcomes + " outcomes").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> events.readEvents("seal-award:2024/25").asStream()
                        .filter(e -> e.getPayload() instanceof SurveyOutcomeRecorded).count() == outcomes);
    }

    /** A command's answer; its event position is where the reads wait for. */
    private void command(Http.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        position = answer.header("X-Event-Position");
        assertThat(position).matches("\\d+");
    }

    // --- downloads (the shared client reads text; these are bytes) -------------------------------------------------

    private record Download(int status, String contentType, String disposition, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private Download download(String path, Role role) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("X-Event-Position", position);
        if (role != null) {
            request.header("Authorization", "Bearer " + TestTokens.of(role));
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Content-Disposition").orElse(""), response.body());
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
