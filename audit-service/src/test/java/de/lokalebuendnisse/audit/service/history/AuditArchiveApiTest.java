package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.audit.service.replay.AuditReplay;
import de.lokalebuendnisse.audit.service.replay.LiveHistory;
import de.lokalebuendnisse.audit.service.replay.ReplayReport;
import de.lokalebuendnisse.kernel.audit.AuditEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Export archives per year and per award period: content, manifest, and the same bytes for the same history. */
class AuditArchiveApiTest extends ReplaySeason {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    AuditReplay replay;

    @Test
    void aYearArchiveHoldsCsvJsonAndAManifestWithChecksumsDigestAndChainHead() throws Exception {
        HttpResponse<byte[]> response = get("/api/audit/exports/2024");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"audit-2024.zip\"");
        Map<String, byte[]> files = unzip(response.body());
        assertThat(files).containsOnlyKeys("audit-2024.csv", "audit-2024.json", "manifest.json");
        assertThat(new ArrayList<>(files.keySet())).containsExactly("audit-2024.csv", "audit-2024.json",
                "manifest.json");

        String csv = new String(files.get("audit-2024.csv"), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertThat(csv).startsWith("\uFEFFposition;timestamp;eventType;");
        assertThat(lines).hasSize(1 + 15);
        assertThat(csv).contains("Ausgezeichnetes Bündnis 2024/25", "Öffentlichkeitsarbeit");
        JsonNode json = JSON.readTree(files.get("audit-2024.json"));
        assertThat(json.get("year").asInt()).isEqualTo(2024);
        assertThat(json.get("entries")).hasSize(15);
        assertThat(csv).contains(";caller;callerSubject;callerClient;callerRole;correlationId;",
                ";Anna Schmidt;" + AuditEvents.ANNA.subject() + ";servicebuero-portal;staff;c-14;",
                ";servicebuero:anna;;;;c-5;");
        List<JsonNode> granted = new ArrayList<>();
        json.get("entries").forEach(entry -> {
            if (entry.get("eventType").asString().equals("SealGranted")) {
                granted.add(entry);
            }
        });
        assertThat(granted).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.get("callerSubject").asString()).isEqualTo(AuditEvents.ANNA.subject());
            assertThat(entry.get("callerClient").asString()).isEqualTo("servicebuero-portal");
            assertThat(entry.get("callerRole").asString()).isEqualTo("staff");
        });

        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.get("form").asString()).isEqualTo("lbf-audit-export-v1");
        assertThat(manifest.get("scope").get("kind").asString()).isEqualTo("year");
        assertThat(manifest.get("scope").get("year").asInt()).isEqualTo(2024);
        assertThat(manifest.get("entries").asLong()).isEqualTo(15);
        assertThat(manifest.get("lastPosition").asLong())
                .isEqualTo(json.get("entries").get(14).get("position").asLong());
        assertThat(manifest.get("files").get(0).get("name").asString()).isEqualTo("audit-2024.csv");
        assertThat(manifest.get("files").get(0).get("sha256").asString()).isEqualTo(sha256(files.get("audit-2024.csv")));
        assertThat(manifest.get("files").get(0).get("bytes").asLong()).isEqualTo(files.get("audit-2024.csv").length);
        assertThat(manifest.get("files").get(1).get("sha256").asString())
                .isEqualTo(sha256(files.get("audit-2024.json")));

        ReplayReport report = replay.run(AuditReplay.newId(Instant.now()), false, LiveHistory.none("test"), p -> { });
        assertThat(manifest.get("digest").get("form").asString()).isEqualTo("lbf-audit-history-v2");
        assertThat(manifest.get("digest").get("value").asString())
                .as("the replay's digest of the year is the archive's").isEqualTo(report.history().years().get(0).digest());
        assertThat(manifest.get("chain").get("form").asString()).isEqualTo("lbf-audit-chain-v2");
        assertThat(manifest.get("chain").get("position").asLong()).isEqualTo(manifest.get("lastPosition").asLong());
        assertThat(manifest.get("chain").get("head").asString()).matches("[0-9a-f]{64}")
                .isNotEqualTo(report.chain().head());
    }

    @Test
    void theLastYearsChainHeadIsTheReplaysAndThePeriodArchiveHoldsThePeriodsEntries() throws Exception {
        ReplayReport report = replay.run(AuditReplay.newId(Instant.now()), false, LiveHistory.none("test"), p -> { });

        JsonNode manifest2025 = JSON.readTree(unzip(get("/api/audit/exports/2025").body()).get("manifest.json"));
        HttpResponse<byte[]> period = get("/api/audit/exports/period/2024-25");

        // the season ends with the period's closing, the newest stored event
        assertThat(manifest2025.get("chain").get("head").asString()).isEqualTo(report.chain().head());
        assertThat(manifest2025.get("digest").get("value").asString()).isEqualTo(report.history().years().get(1).digest());
        assertThat(period.statusCode()).isEqualTo(200);
        assertThat(period.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"audit-2024-25.zip\"");
        Map<String, byte[]> files = unzip(period.body());
        assertThat(files).containsOnlyKeys("audit-2024-25.csv", "audit-2024-25.json", "manifest.json");
        JsonNode json = JSON.readTree(files.get("audit-2024-25.json"));
        assertThat(json.get("period").asString()).isEqualTo("2024/25");
        List<String> types = new ArrayList<>();
        json.get("entries").forEach(entry -> {
            assertThat(entry.get("period").asString()).isEqualTo("2024/25");
            types.add(entry.get("eventType").asString());
        });
        assertThat(types).containsExactly("AwardPeriodOpened", "WerkstattScheduled", "WerkstattAttended",
                "WerkstattAttended", "SealGranted", "SealGranted", "AwardCeremonyHeld", "SealRevoked",
                "AwardPeriodClosed");
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.get("scope").get("period").asString()).isEqualTo("2024/25");
        assertThat(manifest.get("entries").asLong()).isEqualTo(9);
    }

    @Test
    void theSameHistoryGivesByteIdenticalArchives() throws Exception {
        byte[] first = get("/api/audit/exports/2024").body();
        byte[] second = get("/api/audit/exports/2024").body();
        byte[] period = get("/api/audit/exports/period/2024-25").body();

        assertThat(second).isEqualTo(first);
        assertThat(get("/api/audit/exports/period/2024-25").body()).isEqualTo(period);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(first))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertThat(entry.getTimeLocal()).isEqualTo(LocalDateTime.of(2004, 1, 1, 0, 0));
            }
        }
    }

    @Test
    void anEmptyYearIsAnEmptyArchiveAndAnUnknownPeriodIsNotFound() throws Exception {
        Map<String, byte[]> empty = unzip(get("/api/audit/exports/2031").body());
        HttpResponse<byte[]> unknownPeriod = get("/api/audit/exports/period/2030-31");
        HttpResponse<byte[]> badPeriod = get("/api/audit/exports/period/2024-26");
        HttpResponse<byte[]> badYear = get("/api/audit/exports/24");
        HttpResponse<byte[]> unknownParameter = get("/api/audit/exports/2024?format=xlsx");

        JsonNode manifest = JSON.readTree(empty.get("manifest.json"));
        assertThat(manifest.get("entries").asLong()).isZero();
        assertThat(manifest.get("chain").get("head").isNull()).isTrue();
        assertThat(new String(empty.get("audit-2031.csv"), StandardCharsets.UTF_8)).endsWith("eventId\r\n");
        assertThat(unknownPeriod.statusCode()).isEqualTo(404);
        assertThat(badPeriod.statusCode()).isEqualTo(400);
        assertThat(new String(badPeriod.body(), StandardCharsets.UTF_8)).contains("\"rule\":\"consecutive-years\"");
        assertThat(badYear.statusCode()).isEqualTo(400);
        assertThat(new String(badYear.body(), StandardCharsets.UTF_8)).contains("\"rule\":\"year-range\"");
        assertThat(unknownParameter.statusCode()).isEqualTo(400);
        assertThat(new String(unknownParameter.body(), StandardCharsets.UTF_8)).contains("\"rule\":\"known-parameter\"");
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(Role.AUDITOR)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
