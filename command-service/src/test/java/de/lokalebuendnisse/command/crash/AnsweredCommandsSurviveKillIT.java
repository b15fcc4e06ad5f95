package de.lokalebuendnisse.command.crash;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.testing.HeavyTests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.command.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise behind every 201: the built command service, started as a child process on an empty data folder,
 * takes keyed registrations from four parallel clients, is killed with {@code kill -9} in the middle of the load and
 * started again; every registration is then sent again with its key. Every answered registration must be in the
 * store, under the identifier first promised, and nothing may be stored twice. Before the store wrote at each
 * commit and the stand-in's records were written before their answer, this lost tens of answered registrations and
 * duplicated hundreds. {@code LBF_HEAVY_TESTS=true} runs the 2,000 registrations of the report that found it.
 */
class AnsweredCommandsSurviveKillIT {

    private static final boolean HEAVY = HeavyTests.ENABLED;
    private static final int REGISTRATIONS = HEAVY ? 2000 : 400;
    private static final int CLIENTS = 4;
    private static final String[][] PLACES = {
            {"05915000", "DE-NW", "Hamm"}, {"09564000", "DE-BY", "Nürnberg"}, {"05315000", "DE-NW", "Köln"},
            {"06412000", "DE-HE", "Frankfurt am Main"}, {"14612000", "DE-SN", "Dresden"}};

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    @Test
    void everyAnsweredRegistrationSurvivesKill9AndResendsWithTheSameKeysStoreNothingTwice() throws Exception {
        stopMidLoadThenResend(true);
    }

    @Test
    void aGracefulStopMidLoadLosesNothingAnsweredEither() throws Exception {
        stopMidLoadThenResend(false);
    }

    private void stopMidLoadThenResend(boolean kill) throws Exception {
        Path jar = ServiceProcess.jar("command");
        int port = ServiceProcess.freePort();
        // a short command timeout lets a resend take over the claims the killed process left pending within seconds
        String[] settings = {"--lbf.api.command-timeout-seconds=2"};
        Map<Integer, String> answered = new ConcurrentHashMap<>();

        ServiceProcess first = ServiceProcess.start("command-service", jar, data, port, settings);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < REGISTRATIONS; i = next.getAndIncrement()) {
                    try {
                        HttpResponse<String> answer = register(first, i);
                        if (answer.statusCode() == 201) {
                            answered.put(i, json.readTree(answer.body()).path("buendnisId").asText());
                        }
                    } catch (IOException e) {
                        return; // the service is gone
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        Instant loadDeadline = Instant.now().plus(Duration.ofSeconds(120));
        while (answered.size() < REGISTRATIONS / 3 && Instant.now().isBefore(loadDeadline)) {
            Thread.sleep(5);
        }
        if (kill) {
            first.kill();
        } else {
            first.stop();
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        Map<Integer, String> answeredBeforeKill = new HashMap<>(answered);
        assertThat(answeredBeforeKill.size()).as("answered before the kill").isBetween(REGISTRATIONS / 3, REGISTRATIONS - 1);

        Map<Integer, String> afterResend = new HashMap<>();
        int heldBack = 0;
        try (ServiceProcess second = ServiceProcess.start("command-service", jar, data, port, settings)) {
            Instant resendDeadline = Instant.now().plus(Duration.ofSeconds(90));
            for (int i = 0; i < REGISTRATIONS; i++) {
                while (true) {
                    HttpResponse<String> answer = register(second, i);
                    if (answer.statusCode() == 201) {
                        afterResend.put(i, json.readTree(answer.body()).path("buendnisId").asText());
                        break;
                    }
                    JsonNode problem = json.readTree(answer.body());
                    assertThat(answer.statusCode()).as("resend %d: %s", i, answer.body()).isEqualTo(409);
                    assertThat(problem.toString()).as("only a claim of the killed process may hold a resend back")
                            .contains("idempotency-key-in-use");
                    assertThat(Instant.now()).as("resend %d still held back", i).isBefore(resendDeadline);
                    heldBack++;
                    Thread.sleep(250);
                }
            }
        }

        List<String> lost = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        answeredBeforeKill.forEach((i, id) -> {
            if (!id.equals(afterResend.get(i))) {
                moved.add(i + ": " + id + " -> " + afterResend.get(i));
            }
        });
        Map<String, Integer> registrations = storedRegistrations();
        answeredBeforeKill.values().stream().filter(id -> !registrations.containsKey(id)).forEach(lost::add);
        List<String> twice = registrations.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        Set<String> promised = new HashSet<>(afterResend.values());

        System.out.printf((kill ? "kill -9" : "SIGTERM") + " after %d of %d registrations were answered; %d resends held back by a claim of the "
                        + "killed process; %d answered registrations lost, %d keys answered with another id, %d stored twice%n",
                answeredBeforeKill.size(), REGISTRATIONS, heldBack, lost.size(), moved.size(), twice.size());
        assertThat(lost).as("answered with 201 before the kill, not in the store").isEmpty();
        assertThat(moved).as("keys answered with another buendnisId after the resend").isEmpty();
        assertThat(twice).as("alliances registered twice").isEmpty();
        assertThat(registrations.keySet()).as("one registration per key, nothing else").isEqualTo(promised)
                .hasSize(REGISTRATIONS);
    }

    private HttpResponse<String> register(ServiceProcess service, int i) throws IOException, InterruptedException {
        String[] place = PLACES[i % PLACES.length];
        String body = """
                {"name": "Lokales Bündnis für Familie %s %d", "municipalityKey": "%s", "place": "%s",
                 "bundesland": "%s", "organisationForm": "WORKING_GROUP", "foundedOn": "2006-05-15",
                 "fieldsOfAction": ["CHILD_CARE"]}""".formatted(place[2], i, place[0], place[2], place[1]);
        return http.send(HttpRequest.newBuilder(URI.create(service.url("/api/buendnisse")))
                .header("Authorization", "Bearer " + TestTokens.allRoles())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "crash-test-" + i)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Registrations per alliance, read straight from the event store's file once the service has stopped. */
    private Map<String, Integer> storedRegistrations() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:h2:file:" + data.resolve("event-store") + ";MODE=PostgreSQL;AUTO_SERVER=TRUE", "sa", "");
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT aggregateIdentifier FROM domainevententry WHERE payloadType LIKE '%BuendnisRegistered'")) {
            while (rows.next()) {
                counts.merge(rows.getString(1).substring("buendnis:".length()), 1, Integer::sum);
            }
        }
        return counts;
    }
}
