package de.lokalebuendnisse.query.personal;

import com.fasterxml.jackson.databind.JsonNode;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.query.testing.ServicesBeside;
import org.junit.jupiter.api.BeforeEach;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static de.lokalebuendnisse.platform.testing.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The erasure proof (Art. 17 GDPR, crypto-shredding), with the three services on one data folder as
 * {@code ./run.sh} runs them. A contact person is added with canary values (a name, an e-mail address and a phone
 * number nobody else has); a byte search over every file under the data folder (event store, the three MongoDB
 * stand-ins, the key store, anything else) finds none of them in UTF-8 or UTF-16, before the erasure and after. After
 * it no answer of the services (directory, access request, audit history as JSON and CSV, export archive, replay
 * report) holds a canary, the chain still verifies INTACT, the replay finds no difference, and a rebuild of the
 * directory brings no contact back.
 * <p>
 * Why the search can be trusted: a planted clear-text canary is found, and a control value written in plain (an
 * alliance's name, no personal data) is found in the event store and the projections' files, so the stores' files
 * are searchable as they are; the search waits until a control written after the step under test is on disk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING, "lbf.query.consistency-wait=5s"})
class ErasureEndToEndTest {

    @RegisterExtension
    static final ServicesBeside SERVICES = ServicesBeside.commandAndAuditServices("erasure-e2e");

    /** Where the three services of this test log, so that the byte search covers their log as ./run.sh's. */
    private static final Path LOG = SERVICES.dataDir().resolve("logs").resolve("services.log");
    private static FileAppender<ILoggingEvent> logFile;

    /**
     * Attached once the services run (their start may set up logging anew, which would drop an appender added
     * earlier): from here on everything they log while the test works goes into the data folder's log too.
     */
    @BeforeEach
    void servicesLogIntoTheDataFolder() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d %-5level [%thread] %logger - %msg%n");
        encoder.start();
        logFile = new FileAppender<>();
        logFile.setContext(context);
        logFile.setName("erasure-proof");
        logFile.setFile(LOG.toString());
        logFile.setEncoder(encoder);
        logFile.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logFile);
    }

    @AfterAll
    static void logElsewhereAgain() {
        if (logFile != null) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    .detachAppender(logFile);
            logFile.stop();
        }
    }

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", () -> SERVICES.dataDir().toString());
    }

    private static final String ALLIANCE = "kanarien";
    private static final String UNIQUE = UUID.randomUUID().toString().replace("-", "");
    private static final String CANARY_NAME = "Canary-" + UNIQUE;
    private static final String CANARY_EMAIL = "canary-" + UNIQUE.substring(0, 12) + "@kanarien.example";
    private static final String CANARY_PHONE = "+49 30 " + (100_000_000L
            + ThreadLocalRandom.current().nextLong(899_999_999L));
    private static final List<String> CANARIES = List.of(CANARY_NAME, CANARY_EMAIL, CANARY_PHONE);

    @LocalServerPort
    int port;
    Http commands;
    Http queries;
    Http queryAdmin;
    Http staffAudits;
    Http audits;
    Http auditAdmin;
    private int controls;
    /** The contact's id, as the command service answered the addition. */
    private String person;
    /** The event position of the newest command, as the command service answered it. */
    private String position;

    @BeforeEach
    void clients() {
        commands = new Http(SERVICES.commands().port()).as(Role.STAFF);
        queries = new Http(port).as(Role.STAFF);
        queryAdmin = new Http(port).as(Role.ADMIN);
        staffAudits = new Http(SERVICES.audit().port()).as(Role.STAFF);
        audits = new Http(SERVICES.audit().port()).as(Role.AUDITOR);
        auditAdmin = new Http(SERVICES.audit().port()).as(Role.ADMIN);
    }

    @Test
    void erasedPersonalDataIsInNoFileAndNoAnswerAndTheHistoryStillVerifies() throws Exception {
        openAnAwardPeriod();
        register(ALLIANCE, "Kanarienbündnis " + UNIQUE.substring(0, 8));

        // --- added and read back by staff -------------------------------------------------------------------
        addTheCanaryContact();
        JsonNode contacts = ok(directory(queries)).json().path("contacts");
        assertThat(contacts.size()).as(contacts.toString()).isEqualTo(1);
        JsonNode contact = contacts.get(0);
        assertThat(contact.path("personId").asText()).isEqualTo(person);
        assertThat(contact.path("name").asText()).isEqualTo(CANARY_NAME);
        assertThat(contact.path("email").asText()).isEqualTo(CANARY_EMAIL);
        assertThat(contact.path("phone").asText()).isEqualTo(CANARY_PHONE);
        assertThat(contact.path("primary").asBoolean()).isTrue();
        assertThat(contact.path("erased").asBoolean()).isFalse();
        Http.Answer auditorsView = ok(directory(new Http(port).as(Role.AUDITOR)));
        assertThat(auditorsView.json().path("contactCount").asInt()).isEqualTo(1);
        assertNoCanary("the directory answer to an auditor", auditorsView.body());
        String list = ok(queries.get("/api/directory?q=kanarienbuendnis")).body();
        assertThat(list).contains("\"contactCount\":1").doesNotContain(CANARY_NAME, CANARY_EMAIL, CANARY_PHONE);
        JsonNode access = ok(staffAudits.get("/api/audit/persons/" + person)).json();
        assertThat(access.path("current").path("name").asText()).isEqualTo(CANARY_NAME);
        assertThat(access.path("erased").asBoolean()).isFalse();

        // --- before the erasure: the search works, and finds no canary ----------------------------------------
        theSearchFindsAPlantedCanary();
        // the services' own log is one of the files searched
        assertThat(LOG).as("the services' log in the data folder").exists();
        awaitAuditHistoryListing("ContactPersonAdded");
        assertThat(canariesOnDisk()).as("clear text of the person on disk before the erasure").isEmpty();

        // --- erased ---------------------------------------------------------------------------------------------
        erase();
        Http.Answer afterErasure = ok(directory(queries));
        assertThat(afterErasure.json().path("contactCount").asInt()).isZero();
        assertThat(afterErasure.json().path("contacts").size()).as(afterErasure.body()).isZero();
        assertNoCanary("directory answer", afterErasure.body());
        awaitAuditHistoryListing("PersonalDataErased");
        assertThat(canariesOnDisk()).as("clear text of the person on disk after the erasure").isEmpty();

        // --- the access request shows the placeholder and the erasure ------------------------------------------
        Http.Answer accessAfter = ok(staffAudits.get("/api/audit/persons/" + person));
        assertNoCanary("access request", accessAfter.body());
        JsonNode report = accessAfter.json();
        assertThat(report.path("erased").asBoolean()).isTrue();
        assertThat(report.path("current").path("name").asText()).isEqualTo("gelöscht");
        assertThat(report.path("current").path("email").asText()).isEqualTo("gelöscht");
        assertThat(report.path("events").get(0).path("type").asText()).isEqualTo("ContactPersonAdded");
        assertThat(report.path("events").get(0).path("details").path("name").asText()).isEqualTo("gelöscht");
        assertThat(report.path("erasure").path("legalBasis").asText()).isEqualTo("ART_17_1_B");
        assertThat(report.path("erasure").path("recordedBy").path("role").asText()).isEqualTo("staff");
        assertThat(staffAudits.get("/api/audit/persons/unbekannt").status()).isEqualTo(404);

        // --- the audit trail's answers --------------------------------------------------------------------------
        int year = LocalDate.now(ZoneId.of("Europe/Berlin")).getYear();
        String history = ok(audits.get("/api/audit/" + year + "?size=200")).body();
        assertNoCanary("audit history", history);
        assertThat(history).contains("Kontaktperson " + person + " hinzugefügt (Hauptkontakt).",
                "Personenbezogene Daten von " + person + " gelöscht (Einwilligung widerrufen");
        assertNoCanary("audit history CSV", ok(audits.get("/api/audit/" + year, "Accept", "text/csv")).body());
        for (Map.Entry<String, byte[]> file : exportArchive(year).entrySet()) {
            assertThat(canariesIn(file.getValue())).as("export archive file " + file.getKey()).isEmpty();
        }
        long head = ok(auditAdmin.get("/api/admin/projections/audit-chain")).json().path("head").asLong();
        JsonNode verified = await("the chain has recorded up to the head").atMost(Duration.ofSeconds(30))
                .until(() -> ok(audits.get("/api/audit/verify?position=" + head)).json(),
                        answer -> answer.path("recordedUpTo").asLong() >= head);
        assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("INTACT");
        assertThat(verified.path("breakCount").asLong()).isZero();
        theReplayFindsNoDifferenceAndItsReportNoCanary();
        assertThat(ok(audits.get("/api/audit/as-of?period=2024-25&at=" + Instant.now().minusSeconds(1))).status())
                .isEqualTo(200);
        assertThat(ok(audits.get("/api/audit/explanations/2024-25")).status()).isEqualTo(200);

        // --- a rebuild of the directory brings nothing back -----------------------------------------------------
        rebuildTheDirectory();
        JsonNode rebuilt = ok(directory(queries)).json();
        assertThat(rebuilt.path("contactCount").asInt()).isZero();
        assertThat(rebuilt.path("contacts").size()).isZero();
        assertNoCanary("directory after the rebuild", rebuilt.toString());
        // what was searched held the services' own lines: the rebuild logs its progress
        assertThat(Files.readString(LOG)).as("the services' log in the data folder").isNotBlank();
        assertThat(canariesOnDisk()).as("clear text of the person on disk after the rebuild").isEmpty();
    }

    // --- the byte search ----------------------------------------------------------------------------------------

    /** Proves the search reads what it claims: a clear-text canary planted in the data folder is found. */
    private void theSearchFindsAPlantedCanary() throws IOException {
        Path planted = SERVICES.dataDir().resolve("planted.log");
        Files.writeString(planted, "2026-01-01 INFO contact " + CANARY_NAME + "\n", StandardCharsets.UTF_8);
        Path plantedWide = SERVICES.dataDir().resolve("logs").resolve("planted-utf16.log");
        Files.createDirectories(plantedWide.getParent());
        Files.write(plantedWide, ("phone " + CANARY_PHONE).getBytes(StandardCharsets.UTF_16LE));
        try {
            Map<String, List<String>> found = canariesFound();
            assertThat(found).containsEntry(planted.toString(), List.of(CANARY_NAME + " (UTF-8)"));
            // UTF-16LE of ASCII text read one byte on is UTF-16BE of it: both are found, and LE must be
            assertThat(found.get(plantedWide.toString())).contains(CANARY_PHONE + " (UTF-16LE)");
        } finally {
            Files.delete(planted);
            Files.delete(plantedWide);
        }
    }

    /**
     * Every canary found in any file under the data folder, once the stores have written to disk what happened up
     * to now: a control value written after it must be found in the event store and in the auditors' projection file.
     */
    private Map<String, List<String>> canariesOnDisk() throws IOException {
        String control = "Kontrollwert" + UNIQUE.substring(0, 8) + "x" + (++controls);
        register("kontrolle-" + controls, control);
        awaitAuditHistoryListing(control);
        byte[] controlBytes = control.getBytes(StandardCharsets.UTF_8);
        await("the control value is on disk").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (String file : List.of("event-store.mv.db", "audit-mongo.mv", "query-mongo.mv")) {
                        assertThat(indexOf(Files.readAllBytes(SERVICES.dataDir().resolve(file)), controlBytes))
                                .as("control value in " + file).isNotNegative();
                    }
                });
        return canariesFound();
    }

    private Map<String, List<String>> canariesFound() throws IOException {
        Map<String, List<String>> found = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(SERVICES.dataDir())) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("files searched").extracting(file -> file.getFileName().toString())
                .contains("event-store.mv.db", "person-keys.mv.db", "audit-mongo.mv", "command-mongo.mv",
                        "query-mongo.mv");
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (java.nio.file.NoSuchFileException vanished) {
                continue; // a temporary file of a store, gone between listing and reading
            }
            List<String> hits = canariesIn(bytes);
            if (!hits.isEmpty()) {
                found.put(file.toString(), hits);
            }
        }
        return found;
    }

    private static List<String> canariesIn(byte[] bytes) {
        List<String> hits = new ArrayList<>();
        for (String canary : CANARIES) {
            for (var charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                if (indexOf(bytes, canary.getBytes(charset)) >= 0) {
                    hits.add(canary + " (" + charset.name() + ")");
                }
            }
        }
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void assertNoCanary(String what, String text) {
        assertThat(text).as(what).doesNotContain(CANARY_NAME, CANARY_EMAIL, CANARY_PHONE);
    }

    // --- the steps ----------------------------------------------------------------------------------------------

    private void openAnAwardPeriod() {
        command(commands.post("/api/survey-campaigns", json("""
                {'year': 2024, 'title': 'Bündnisumfrage 2024', 'scale': {'min': 0, 'max': 4}, 'threshold': 3.0,
                 'criteria': [{'id': 'netzwerk', 'title': 'Netzwerk und Partner'}],
                 'opensOn': '2024-03-01', 'closesOn': '2024-06-30'}""")), 201);
        command(commands.post("/api/seal-awards", json("""
                {'period': '2024/25', 'surveyYear': 2024, 'sealName': 'Ausgezeichnetes Bündnis 2024/25',
                 'ceremony': {'date': '2024-11-22', 'place': 'Berlin'},
                 'renewalRule': 'RENEW_BY_WERKSTATT_ATTENDANCE'}""")), 201);
    }

    private void register(String id, String name) {
        command(commands.post("/api/buendnisse", json("""
                {'id': '%s', 'name': '%s', 'municipalityKey': '05915000', 'place': 'Hamm', 'bundesland': 'DE-NW',
                 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2005-03-01', 'website': 'https://example.org',
                 'fieldsOfAction': ['CHILD_CARE'], 'futureTopics': ['CHILD_CARE']}""".formatted(id, name))), 201);
    }

    /** Through the command service's API, as staff add a contact; the person id is the service's. */
    private void addTheCanaryContact() {
        Http.Answer added = command(commands.post("/api/buendnisse/" + ALLIANCE + "/contacts", json("""
                {'name': '%s', 'function': 'KOORDINATION', 'engagement': 'VOLUNTEER', 'email': '%s',
                 'phone': '%s', 'language': 'de', 'primary': true}""".formatted(CANARY_NAME, CANARY_EMAIL,
                CANARY_PHONE)), "Idempotency-Key", UUID.randomUUID().toString()), 201);
        person = added.json().path("personId").asText();
        assertThat(person).isNotBlank();
    }

    private void erase() {
        command(commands.post("/api/buendnisse/" + ALLIANCE + "/contacts/" + person + "/erasure", json("""
                {'legalBasis': 'ART_17_1_B', 'reason': 'Einwilligung schriftlich widerrufen'}""")), 200);
    }

    private void awaitAuditHistoryListing(String text) {
        int year = LocalDate.now(ZoneId.of("Europe/Berlin")).getYear();
        await("the audit history lists " + text).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> audits.get("/api/audit/" + year + "?size=200").body().contains(text));
    }

    private void theReplayFindsNoDifferenceAndItsReportNoCanary() {
        Http.Answer started = audits.post("/api/audit/replays", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().path("id").asText();
        JsonNode state = await("the replay finishes").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> ok(audits.get("/api/audit/replays/" + id)).json(),
                        answer -> answer.path("status").asText().equals("FINISHED")
                                || answer.path("status").asText().equals("FAILED"));
        assertThat(state.path("status").asText()).as(state.toString()).isEqualTo("FINISHED");
        assertThat(state.path("report").path("comparison").path("compared").asBoolean()).isTrue();
        assertThat(state.path("report").path("comparison").path("differencesTotal").asLong()).isZero();
        assertNoCanary("replay state", state.toString());
        assertNoCanary("replay report", ok(audits.get("/api/audit/replays/" + id + "/report.md")).body());
    }

    private void rebuildTheDirectory() {
        Http.Answer started = queryAdmin.post("/api/admin/projections/directory/rebuild", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        await("the directory is rebuilt").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> ok(queryAdmin.get("/api/admin/projections/directory")).json(),
                        answer -> answer.path("rebuild").path("finished").asBoolean());
    }

    /** The archive's files, unpacked: a compressed archive would hide clear text from a byte search. */
    private Map<String, byte[]> exportArchive(int year) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + SERVICES.audit().port() + "/api/audit/exports/" + year))
                .header("Authorization", "Bearer " + TestTokens.of(Role.AUDITOR)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                zip.transferTo(content);
                files.put(entry.getName(), content.toByteArray());
            }
        }
        assertThat(files).as("files of the archive").isNotEmpty();
        assertThat(new String(files.values().stream().reduce(new byte[0], ErasureEndToEndTest::concat),
                StandardCharsets.UTF_8)).as("the archive lists the contact events")
                .contains("ContactPersonAdded", "PersonalDataErased");
        return files;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The alliance's directory entry once the directory has reached the newest command's events. */
    private Http.Answer directory(Http client) {
        return client.get("/api/directory/" + ALLIANCE, "X-Event-Position", position);
    }

    /** A command's answer; its event position is where the next read waits for. */
    private Http.Answer command(Http.Answer answer, int status) {
        ok(answer, status);
        position = answer.header("X-Event-Position");
        assertThat(position).as("every command answer carries its event position").matches("\\d+");
        return answer;
    }

    private static Http.Answer ok(Http.Answer answer) {
        return ok(answer, 200);
    }

    private static Http.Answer ok(Http.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }
}
