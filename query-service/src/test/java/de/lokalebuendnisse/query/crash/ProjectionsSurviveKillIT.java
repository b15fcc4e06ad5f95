package de.lokalebuendnisse.query.crash;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.testing.HeavyTests;
import com.fasterxml.jackson.databind.JsonNode;
import de.lokalebuendnisse.command.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side killed with {@code kill -9} while writes pour in: the three services from their built jars on an
 * empty data folder, four clients registering alliances, the query service and the auditors' service killed in the
 * middle and started again while the writes go on. Afterwards, read with the last write's position, the directory
 * holds every alliance once, the year's audit history every registration once at its own position, and the audit
 * chain verifies INTACT.
 */
class ProjectionsSurviveKillIT {

    private static final boolean HEAVY = HeavyTests.ENABLED;
    private static final int ALLIANCES = HEAVY ? 3000 : 600;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    @Test
    void projectionsKilledUnderLoadEndCompleteOnceAndIntact() throws Exception {
        try (ServiceProcess commands = ServiceProcess.start("command-service", ServiceProcess.jar("command"), data,
                ServiceProcess.freePort())) {
            int queryPort = ServiceProcess.freePort();
            ServiceProcess query = ServiceProcess.start("query-service", ServiceProcess.jar("query"), data, queryPort);
            int auditPort = ServiceProcess.freePort();
            ServiceProcess audit = ServiceProcess.start("audit-service", ServiceProcess.jar("audit"), data, auditPort);
            AtomicInteger registered = new AtomicInteger();
            AtomicLong head = new AtomicLong(-1);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            AtomicInteger next = new AtomicInteger();
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < ALLIANCES; i = next.getAndIncrement()) {
                        HttpResponse<String> answer = register(commands, i);
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                        long position = Long.parseLong(answer.headers().firstValue("X-Event-Position").orElseThrow());
                        head.accumulateAndGet(position, Math::max);
                        registered.incrementAndGet();
                    }
                    return null;
                });
            }
            while (registered.get() < ALLIANCES / 3) {
                Thread.sleep(5);
            }
            query.kill();
            audit.kill();
            int atKill = registered.get();
            ServiceProcess restarted = ServiceProcess.start("query-service", ServiceProcess.jar("query"), data, queryPort);
            ServiceProcess restartedAudit = ServiceProcess.start("audit-service", ServiceProcess.jar("audit"), data,
                    auditPort);
            clients.shutdown();
            assertThat(clients.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
            assertThat(registered.get()).isEqualTo(ALLIANCES);
            assertThat(atKill).as("killed while writes went on").isLessThan(ALLIANCES);

            try (restarted; restartedAudit) {
                String position = Long.toString(head.get());
                JsonNode directory = awaitJson(restarted, "/api/directory?size=1", position);
                assertThat(directory.path("total").asLong()).as("alliances in the directory").isEqualTo(ALLIANCES);

                int year = Year.now(ZoneId.of("Europe/Berlin")).getValue();
                JsonNode history = awaitJson(restartedAudit, "/api/audit/" + year + "?format=json", position);
                JsonNode entries = history.isArray() ? history : history.path("entries");
                Set<Long> positions = new HashSet<>();
                Set<String> aggregates = new HashSet<>();
                entries.forEach(entry -> {
                    positions.add(entry.path("position").asLong());
                    aggregates.add(entry.path("aggregateId").asText());
                });
                assertThat(entries.size()).as("audit entries").isEqualTo(ALLIANCES);
                assertThat(positions).as("one entry per position").hasSize(ALLIANCES);
                assertThat(aggregates).as("one entry per alliance").hasSize(ALLIANCES);

                JsonNode verify = awaitJson(restartedAudit, "/api/audit/verify", position);
                assertThat(verify.path("status").asText()).as(verify.toString()).isEqualTo("INTACT");
            }
        }
    }

    private HttpResponse<String> register(ServiceProcess commands, int i) throws IOException, InterruptedException {
        String body = """
                {"id": "load-%d", "name": "Lokales Bündnis für Familie Köln %d", "municipalityKey": "05315000",
                 "place": "Köln", "bundesland": "DE-NW", "organisationForm": "WORKING_GROUP",
                 "foundedOn": "2006-05-15", "fieldsOfAction": ["CHILD_CARE"]}""".formatted(i, i);
        return http.send(HttpRequest.newBuilder(URI.create(commands.url("/api/buendnisse")))
                .header("Authorization", "Bearer " + TestTokens.allRoles())
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Idempotency-Key", "load-" + i).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitJson(ServiceProcess service, String path, String position) throws Exception {
        return PositionedReads.awaitJson(http, service, path, position, Duration.ofSeconds(HEAVY ? 600 : 180));
    }
}
