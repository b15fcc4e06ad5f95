package de.lokalebuendnisse.query.crash;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.lokalebuendnisse.command.testing.ServiceProcess;
import de.lokalebuendnisse.platform.mongo.StandInIndexes;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state a store of the stand-in's file between a directory document and its {@code _id} index entry leaves after
 * a {@code kill -9}, planted into the killed query service's file: after the restart the directory still takes the
 * next event for that alliance (before the repair every upsert of it failed with "Document with key … already
 * existed" and the projection stopped for good), and the service's log says what was repaired.
 */
class IndexDefectAfterKillIT {

    private static final int ALLIANCES = 20;
    private static final String PLANTED = "idx-7";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    @Test
    void aDirectoryDocumentItsIndexLostInAKillTakesTheNextEventAfterTheRestart() throws Exception {
        try (ServiceProcess commands = ServiceProcess.start("command-service", ServiceProcess.jar("command"), data,
                ServiceProcess.freePort())) {
            int queryPort = ServiceProcess.freePort();
            ServiceProcess query = ServiceProcess.start("query-service", ServiceProcess.jar("query"), data, queryPort);
            String head = "-1";
            for (int i = 0; i < ALLIANCES; i++) {
                head = positionOf(send(commands, "/api/buendnisse", """
                        {"id": "idx-%d", "name": "Lokales Bündnis für Familie Bonn %d", "municipalityKey": "05314000",
                         "place": "Bonn", "bundesland": "DE-NW", "organisationForm": "WORKING_GROUP",
                         "foundedOn": "2006-05-15", "fieldsOfAction": ["CHILD_CARE"]}""".formatted(i, i), 201));
            }
            assertThat(awaitJson(query, "/api/directory?size=1", head).path("total").asLong()).isEqualTo(ALLIANCES);
            query.kill();

            MVStore file = new MVStore.Builder().fileName(data.resolve("query-mongo.mv").toString()).open();
            try {
                assertThat(StandInIndexes.uniqueIndex(file, "lbf-query.directory", "_id_")
                        .remove(new KeyValue(PLANTED))).as("the planted document's index entry").isEqualTo(PLANTED);
                file.commit();
            } finally {
                file.close();
            }

            try (ServiceProcess restarted = ServiceProcess.start("query-service", ServiceProcess.jar("query"), data,
                    queryPort)) {
                String paused = positionOf(send(commands, "/api/buendnisse/" + PLANTED + "/pause", "{}", 200));
                assertThat(awaitJson(restarted, "/api/directory/" + PLANTED, paused).path("status").asText())
                        .isEqualTo("PAUSED");
                assertThat(awaitJson(restarted, "/api/directory?size=1", paused).path("total").asLong())
                        .isEqualTo(ALLIANCES);
                assertThat(Files.readString(restarted.log())).contains("UniqueIndexRepair",
                        "lbf-query.directory", "index _id_: 1 missing entries added");
            }
        }
    }

    private HttpResponse<String> send(ServiceProcess commands, String path, String body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(commands.url(path)))
                .header("Authorization", "Bearer " + TestTokens.allRoles())
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(expectedStatus);
        return answer;
    }

    private static String positionOf(HttpResponse<String> answer) {
        return answer.headers().firstValue("X-Event-Position").orElseThrow();
    }

    private JsonNode awaitJson(ServiceProcess service, String path, String position) throws Exception {
        return PositionedReads.awaitJson(http, service, path, position, Duration.ofSeconds(120));
    }
}
