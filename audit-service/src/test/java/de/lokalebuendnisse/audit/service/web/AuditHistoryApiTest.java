package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.query.QueryParameters;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.platform.projection.Projections;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit endpoint over HTTP against the embedded stores: refusals, empty years, page and downloads. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class AuditHistoryApiTest {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-query-audit");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    Projections projections;

    @Test
    void refusesAYearOutsideTheInitiativeWith400() throws Exception {
        for (String year : new String[] {"24", "2003", "3000", "20245"}) {
            HttpResponse<String> response = get("/api/audit/" + year, Map.of());
            assertThat(response.statusCode()).as(year).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(violation(response, 0)).containsEntry("field", "year").containsEntry("rule", "year-range");
        }
    }

    @Test
    void refusesBadPagingAndUnknownParametersNamingEach() throws Exception {
        HttpResponse<String> response = get("/api/audit/2024?size=100000&page=-1&q%5B%24ne%5D=1", Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode violations = JSON.readTree(response.body()).get("violations");
        assertThat(violations).hasSize(3);
        assertThat(response.body()).contains("\"field\":\"q[$ne]\"", "\"rule\":\"known-parameter\"",
                "\"field\":\"size\"", "\"field\":\"page\"", "\"rule\":\"range\"");
    }

    @Test
    void refusesAnUnknownFormatAndPagingOfADownload() throws Exception {
        HttpResponse<String> format = get("/api/audit/2024?format=xlsx", Map.of());
        HttpResponse<String> paged = get("/api/audit/2024?format=csv&page=2", Map.of());
        HttpResponse<String> csvPaged = get("/api/audit/2024?size=10", Map.of("Accept", "text/csv"));

        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(violation(format, 0)).containsEntry("field", "format").containsEntry("rule", "one-of");
        assertThat(paged.statusCode()).isEqualTo(400);
        assertThat(violation(paged, 0)).containsEntry("field", "page").containsEntry("rule", "not-with-export");
        assertThat(csvPaged.statusCode()).as("refused as problem+json although CSV was asked for").isEqualTo(400);
        assertThat(csvPaged.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void leavesOtherAuditPathsToLaterResources() throws Exception {
        assertThat(get("/api/audit/replay", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void anEmptyYearIsAnEmptyPageNotANotFound() throws Exception {
        // no Accept, curl's */* and a browser's list all get the JSON page, not the CSV download
        for (String accept : new String[] {null, "*/*", "application/json",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}) {
            Map<String, String> headers = accept == null ? Map.of() : Map.of("Accept", accept);
            HttpResponse<String> response = get("/api/audit/2031", headers);

            assertThat(response.statusCode()).as(accept).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(accept).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("Content-Disposition")).as(accept).isEmpty();
            assertThat(JSON.readTree(response.body())).as(accept).isEqualTo(
                    JSON.readTree("{\"year\":2031,\"total\":0,\"page\":0,\"size\":50,\"entries\":[]}"));
        }
    }

    @Test
    void anEmptyYearDownloadsAsHeaderOnlyCsvOrEmptyJson() throws Exception {
        HttpResponse<byte[]> csv = getBytes("/api/audit/2031", Map.of("Accept", "text/csv"));
        HttpResponse<byte[]> json = getBytes("/api/audit/2031?format=json", Map.of());

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"audit-2031.csv\"");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFposition;timestamp;eventType;eventRevision;aggregateId;sequenceNumber;buendnisId;"
                        + "period;campaignYear;caller;callerSubject;callerClient;callerRole;correlationId;causationId;"
                        + "process;reason;eventId\r\n");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"audit-2031.json\"");
        assertThat(JSON.readTree(json.body())).isEqualTo(JSON.readTree("{\"year\":2031,\"entries\":[]}"));
    }

    @Test
    void showsStoredEventsOnceTheProjectionReachedTheCallersPosition() throws Exception {
        // appended as the command side would, with its metadata (the pause as stored before tokens were required,
        // the revocation with a verified identity whose values a spreadsheet would run); the projection picks them up
        BuendnisId dresden = BuendnisId.of("dresden");
        AwardPeriod period = AwardPeriod.of("2027/28");
        GenericDomainEventMessage<?> paused = new GenericDomainEventMessage<>("Buendnis", dresden.toString(), 0,
                new BuendnisPaused(dresden, "Neuaufstellung; \"Pause\""),
                MetaData.with("caller", "crm").and("correlationId", "c-api-1"));
        eventStore.publish(paused);
        eventStore.publish(new GenericDomainEventMessage<>("SealAward", period.toString(), 0,
                new SealRevoked(period, dresden, "=Fälschung", GrantBasis.SURVEY),
                MetaData.with("caller", "@ministerium").and("callerSubject", "sub-ministerium")
                        .and("callerClient", "=portal").and("callerRole", "admin").and("correlationId", "c-api-2")));
        long head = projections.headPosition();
        // stored now, so listed under this year in Berlin
        String year = String.valueOf(ZonedDateTime.now(ZoneId.of("Europe/Berlin")).getYear());
        Map<String, String> afterWrite = Map.of(QueryParameters.POSITION_HEADER, String.valueOf(head));

        HttpResponse<String> page = get("/api/audit/" + year + "?size=1&page=1", afterWrite);
        HttpResponse<byte[]> csv = getBytes("/api/audit/" + year + "?format=csv", afterWrite);

        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(page.body());
        assertThat(body.get("total").asLong()).isEqualTo(2);
        JsonNode revoked = body.get("entries").get(0);
        assertThat(revoked.get("eventType").asString()).isEqualTo("SealRevoked");
        assertThat(revoked.get("position").asLong()).isEqualTo(head);
        assertThat(revoked.get("aggregateId").asString()).isEqualTo("seal-award:2027/28");
        assertThat(revoked.get("period").asString()).isEqualTo("2027/28");
        assertThat(revoked.get("caller").asString()).isEqualTo("@ministerium");
        assertThat(revoked.get("callerSubject").asString()).isEqualTo("sub-ministerium");
        assertThat(revoked.get("callerClient").asString()).isEqualTo("=portal");
        assertThat(revoked.get("callerRole").asString()).isEqualTo("admin");
        assertThat(revoked.get("timestamp").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
        assertThat(revoked.get("reason").asString()).isEqualTo("Siegel der Periode 2027/28 entzogen (erteilt über "
                + "die Umfrage); die Erteilung bleibt in der Historie erhalten. Begründung: „=Fälschung“.");

        assertThat(csv.statusCode()).isEqualTo(200);
        String[] lines = new String(csv.body(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).endsWith(";BuendnisPaused;1;buendnis:dresden;0;dresden;;;crm;;;;c-api-1;;;"
                + "\"Bündnis pausiert; ein pausiertes Bündnis nimmt an Umfrage und Siegelvergabe nicht teil. "
                + "Begründung: „Neuaufstellung; \"\"Pause\"\"“.\";" + paused.getIdentifier());
        assertThat(lines[2]).contains(";SealRevoked;1;seal-award:2027/28;0;dresden;2027/28;;'@ministerium;"
                + "sub-ministerium;'=portal;admin;c-api-2;");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> violation(HttpResponse<String> response, int index) {
        return JSON.convertValue(JSON.readTree(response.body()).get("violations").get(index), Map.class);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        return HTTP.send(request(path, headers), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) throws Exception {
        return HTTP.send(request(path, headers), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(Role.AUDITOR));
        headers.forEach(request::header);
        return request.build();
    }
}
