package de.lokalebuendnisse.query.trust;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.testing.HeavyTests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.query.testing.ServicesBeside;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, items 3 and "keep it proven": concurrent writers on an empty store, nothing tampered with. Sixteen writers
 * register alliances (each its own aggregate, so transactions commit out of order), sixteen add partners to one
 * alliance, sixteen submit surveys into one campaign and sixteen record attendances in one award period, while the
 * award intake process writes into that period too. Every request is sent twice at once with the same
 * {@code Idempotency-Key} (a client's retry racing its first try). Afterwards:
 * <ul>
 * <li>nothing is lost or stored twice: the store holds each accepted write exactly once, and the directory shows
 * them (read with the writers' positions);</li>
 * <li>{@code GET /api/audit/verify} says INTACT, with no break;</li>
 * <li>the year's audit history as JSON, CSV and ZIP holds every audit-relevant stored event exactly once, each at
 * the event's own position (the positions are exactly the store's);</li>
 * <li>a replay equals the live history.</li>
 * </ul>
 * Before the fix the projections recorded the tracking token's position, which for an event that commits after a
 * later one is that later one's: entries shared positions, downloads dropped them, verify reported MOVED, REPLACED
 * and INSERTED breaks, and the replay differed.
 * <p>
 * The default size takes seconds; {@code LBF_HEAVY_TESTS=true} (environment) or {@code -Dlbf.heavy-tests=true}
 * runs ten times as many writes per writer, as CI does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING,
        "lbf.query.consistency-wait=20s"})
class ConcurrentWritersEndToEndTest {

    static final boolean HEAVY = HeavyTests.ENABLED;
    static final int WRITERS = 16;
    /** Alliances each writer registers. */
    static final int REGISTRATIONS = HEAVY ? 40 : 4;
    /** Writes each writer makes on each shared aggregate (partners of one alliance, one campaign, one period). */
    static final int SHARED = HEAVY ? 10 : 1;

    private static final Set<String> AUDITED = Set.of("SurveyCampaignOpened", "SurveySubmitted", "SurveyAmended",
            "SurveyCampaignClosed", "AwardPeriodOpened", "WerkstattScheduled", "WerkstattAttended", "SealGranted",
            "AwardCeremonyHeld", "SealRevoked", "AwardPeriodClosed", "BuendnisRegistered", "BuendnisPaused",
            "BuendnisResumed", "BuendnisDissolved");
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final ServicesBeside SERVICES = ServicesBeside.commandAndAuditServices("concurrent-writers-e2e");

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", () -> SERVICES.dataDir().toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("eventStoreDataSource")
    DataSource eventStore;

    private Http commands;
    private final AtomicLong newestPosition = new AtomicLong(-1);
    private final AtomicInteger replayedAnswers = new AtomicInteger();
    private final AtomicInteger keyInUseAnswers = new AtomicInteger();
    private final AtomicInteger concurrentChangeRetries = new AtomicInteger();

    @Test
    void sixteenWritersPerAggregateLoseNothingStoreNothingTwiceAndTheAuditRecordStaysIntact() throws Exception {
        // staff: the campaign and the award period it opens first are staff's alone
        commands = new Http(SERVICES.commands().port()).as(Role.STAFF);
        Http queries = new Http(port).as(Role.STAFF);
        Http audits = new Http(SERVICES.audit().port()).as(Role.AUDITOR);
        long started = System.nanoTime();
        write("/api/buendnisse", Writes.registration("shared"));
        write("/api/survey-campaigns", Writes.CAMPAIGN_2024);
        write("/api/seal-awards", Writes.PERIOD_2024_25);
        write("/api/seal-awards/2024-25/werkstaetten", Writes.WERKSTATT);

        ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS);
        try {
            // many aggregates at once (out-of-order commits) beside one shared aggregate
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < REGISTRATIONS; i++) {
                        write("/api/buendnisse", Writes.registration(alliance(writer, i)));
                    }
                    return null;
                }));
                running.add(pool.submit(() -> {
                    for (int i = 0; i < SHARED; i++) {
                        write("/api/buendnisse/shared/partners", Writes.partner("p-" + writer + "-" + i));
                    }
                    return null;
                }));
            }
            awaitAll(running);
            // one campaign and one period, each with sixteen writers (the intake process writes the period too)
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < SHARED; i++) {
                        write("/api/survey-campaigns/2024/submissions", Writes.submission(alliance(writer, i)));
                    }
                    return null;
                }));
                running.add(pool.submit(() -> {
                    for (int i = 0; i < SHARED; i++) {
                        write("/api/seal-awards/2024-25/attendances", Writes.attendance(alliance(writer, i)));
                    }
                    return null;
                }));
            }
            awaitAll(running);
        } finally {
            pool.shutdownNow();
        }
        commitOutOfOrder(queries);
        // "shared", the writers' alliances, and the two of commitOutOfOrder
        int registered = WRITERS * REGISTRATIONS + 3;
        int perShared = WRITERS * SHARED;
        // the intake process forwards each submission to the period on its own schedule
        awaitStored("SurveyOutcomeRecorded", perShared);
        long writing = Duration.ofNanos(System.nanoTime() - started).toMillis();

        // no lost update, nothing twice
        Map<String, Long> stored = storedPerType();
        assertThat(stored).containsEntry("BuendnisRegistered", (long) registered)
                .containsEntry("PartnerAdded", (long) perShared)
                .containsEntry("SurveySubmitted", (long) perShared)
                .containsEntry("WerkstattAttended", (long) perShared)
                .containsEntry("SurveyOutcomeRecorded", (long) perShared);
        long storedEvents = stored.values().stream().mapToLong(Long::longValue).sum();
        String position = Long.toString(Math.max(newestPosition.get(), head()));
        Http.Answer shared = queries.get("/api/directory/shared", "X-Event-Position", position);
        assertThat(shared.status()).as(shared.toString()).isEqualTo(200);
        assertThat(shared.json().path("partnerCount").asLong()).as(shared.toString()).isEqualTo(perShared);
        assertThat(shared.json().path("partners")).hasSize(perShared);
        Http.Answer page = queries.get("/api/directory?size=1", "X-Event-Position", position);
        assertThat(page.json().path("total").asLong()).as(page.toString()).isEqualTo(registered);

        // verify: intact, nothing unrecorded
        Http.Answer verified = audits.get("/api/audit/verify", "X-Event-Position", position);
        JsonNode report = verified.json();
        assertThat(report.path("status").asText()).as(verified.toString()).isEqualTo("INTACT");
        assertThat(report.path("breakCount").asLong()).isZero();
        assertThat(report.path("eventsChecked").asLong()).isEqualTo(storedEvents);
        assertThat(report.path("unrecordedEvents").asLong()).isZero();

        // every download holds every audit-relevant event exactly once, at the event's own position
        int year = ZonedDateTime.now(ZoneId.of("Europe/Berlin")).getYear();
        TreeSet<Long> auditedPositions = auditedPositions();
        Http.Answer json = audits.get("/api/audit/" + year + "?format=json", "X-Event-Position", position);
        List<Long> jsonPositions = new ArrayList<>();
        json.json().path("entries").forEach(entry -> jsonPositions.add(entry.path("position").asLong()));
        assertThat(jsonPositions).as("JSON download").hasSize(auditedPositions.size())
                .doesNotHaveDuplicates().containsExactlyElementsOf(auditedPositions);
        Http.Answer csv = audits.get("/api/audit/" + year + "?format=csv", "X-Event-Position", position);
        assertThat(csvRecords(csv.body()) - 1).as("CSV download rows").isEqualTo(auditedPositions.size());
        JsonNode manifest = manifest("/api/audit/exports/" + year);
        assertThat(manifest.path("entries").asLong()).as(manifest.toString()).isEqualTo(auditedPositions.size());

        // replay equals live
        JsonNode replay = Writes.replay(audits);
        assertThat(replay.path("eventsRead").asLong()).isEqualTo(storedEvents);
        assertThat(replay.path("comparison").path("compared").asBoolean()).isTrue();
        assertThat(replay.path("comparison").path("differencesTotal").asLong()).as(replay.path("comparison")
                .toString()).isZero();

        System.out.printf("concurrent writers (%s): %d events stored in %d ms by %d writers per aggregate, %d audit "
                        + "entries; %d idempotent replays, %d key-in-use answers, %d concurrent-change retries%n",
                HEAVY ? "heavy" : "default", storedEvents, writing, WRITERS, auditedPositions.size(),
                replayedAnswers.get(), keyInUseAnswers.get(), concurrentChangeRetries.get());
    }

    /**
     * The interleaving the writers above produce now and then, made certain: an event takes its position, a later
     * one commits and is handled by the projections, then the first commits and fills the gap it left. Its
     * tracking token then stands at the later event's position; recording that (as before the fix) put both on one
     * position. The event is a copy of a stored registration, inserted in a transaction held open.
     */
    private void commitOutOfOrder(Http queries) throws Exception {
        try (Connection held = eventStore.getConnection()) {
            held.setAutoCommit(false);
            String type;
            String payloadType;
            String payloadRevision;
            byte[] payload;
            byte[] metaData;
            try (Statement read = held.createStatement(); ResultSet row = read.executeQuery("SELECT type, payloadType,"
                    + " payloadRevision, payload, metaData FROM DomainEventEntry WHERE aggregateIdentifier ="
                    + " 'buendnis:shared' AND sequenceNumber = 0")) {
                assertThat(row.next()).isTrue();
                type = row.getString(1);
                payloadType = row.getString(2);
                payloadRevision = row.getString(3);
                payload = new String(row.getBytes(4), StandardCharsets.UTF_8).replace("shared", "held")
                        .getBytes(StandardCharsets.UTF_8);
                metaData = row.getBytes(5);
            }
            try (java.sql.PreparedStatement insert = held.prepareStatement("INSERT INTO DomainEventEntry"
                    + " (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,"
                    + " payloadRevision, payload, metaData) VALUES (?, 'buendnis:held', 0, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, type);
                insert.setString(3, java.time.Instant.now().toString());
                insert.setString(4, payloadType);
                insert.setString(5, payloadRevision);
                insert.setBytes(6, payload);
                insert.setBytes(7, metaData);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            write("/api/buendnisse", Writes.registration("after-held"));
            await("the projections handle the later event").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> queries.get("/api/directory/after-held").status() == 200);
            sleep(300); // every projection has fetched it by now (they share one producer)
            held.commit();
        }
    }

    /**
     * Sends a command twice at once with the same key, as a client whose retry races its first try, until both
     * have an answer: one is the command's, the other its replay or "key in use" (then it asks again). A refusal
     * for a concurrent change of the same aggregate stored nothing; the write is sent again under a new key.
     */
    private void write(String path, String body) throws Exception {
        while (true) {
            String key = UUID.randomUUID().toString();
            List<Http.Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread twin = new Thread(() -> answers.add(sendUntilAnswered(path, body, key)));
            twin.start();
            Http.Answer mine = sendUntilAnswered(path, body, key);
            twin.join();
            Http.Answer theirs = answers.get(0);
            if (mine.status() == 409 && mine.body().contains("no-concurrent-change")) {
                concurrentChangeRetries.incrementAndGet();
                assertThat(theirs.status()).isEqualTo(409);
                continue;
            }
            assertThat(mine.status()).as(mine.toString()).isEqualTo(201);
            assertThat(theirs.status()).as(theirs.toString()).isEqualTo(201);
            // a replay carries the head at its time, at or past the first answer's
            for (Http.Answer answer : List.of(mine, theirs)) {
                newestPosition.accumulateAndGet(Long.parseLong(answer.header("X-Event-Position")), Math::max);
            }
            return;
        }
    }

    private Http.Answer sendUntilAnswered(String path, String body, String key) {
        while (true) {
            Http.Answer answer = commands.post(path, body, "Idempotency-Key", key);
            if (answer.status() == 409 && answer.body().contains("idempotency-key-in-use")) {
                keyInUseAnswers.incrementAndGet();
                sleep(5);
                continue;
            }
            if ("true".equals(answer.header("Idempotent-Replayed"))) {
                replayedAnswers.incrementAndGet();
            }
            return answer;
        }
    }

    private static void awaitAll(List<Future<?>> running) throws Exception {
        for (Future<?> each : running) {
            each.get();
        }
        running.clear();
    }

    private void awaitStored(String type, long count) throws SQLException {
        await("the intake process forwards every " + type).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50)).until(() -> storedPerType().getOrDefault(type, 0L) >= count);
    }

    private Map<String, Long> storedPerType() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = eventStore.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT payloadType, COUNT(*) FROM DomainEventEntry GROUP BY payloadType")) {
            while (rows.next()) {
                String type = rows.getString(1);
                counts.put(type.substring(type.lastIndexOf('.') + 1), rows.getLong(2));
            }
        }
        return counts;
    }

    private long head() throws SQLException {
        try (Connection connection = eventStore.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(globalIndex) FROM DomainEventEntry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The positions of the stored events the audit history lists. */
    private TreeSet<Long> auditedPositions() throws SQLException {
        TreeSet<Long> positions = new TreeSet<>();
        try (Connection connection = eventStore.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT globalIndex, payloadType FROM DomainEventEntry")) {
            while (rows.next()) {
                String type = rows.getString(2);
                if (AUDITED.contains(type.substring(type.lastIndexOf('.') + 1))) {
                    positions.add(rows.getLong(1));
                }
            }
        }
        return positions;
    }

    /** Records of an RFC 4180 text: line ends outside quotes. */
    private static int csvRecords(String text) {
        int records = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                records++;
            }
        }
        return records;
    }

    private JsonNode manifest(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + SERVICES.audit().port() + path))
                .header("Authorization", TestTokens.bearer(Role.AUDITOR)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                if (entry.getName().equals("manifest.json")) {
                    return JSON.readTree(new String(entries.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        throw new AssertionError("no manifest.json in " + path);
    }

    private static String alliance(int writer, int i) {
        return "w" + writer + "-" + i;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
