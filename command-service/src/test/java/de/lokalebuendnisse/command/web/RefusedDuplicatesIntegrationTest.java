package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static de.lokalebuendnisse.command.web.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registrations sent twice, in turn and at once, are refused with 409 and leave no empty position in the event
 * store: every position up to the newest holds an event. An empty position stays in every reader's tracking tokens;
 * found from outside, 3,000 of them within a minute made the reading services run out of heap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class RefusedDuplicatesIntegrationTest {

    private static final Path DATA = createDataDir();
    private static final int SENDERS = 6;

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("eventStoreDataSource")
    DataSource eventStore;

    @Test
    void duplicateRegistrationsAreRefusedWithoutLeavingAnEmptyPosition() throws Exception {
        HttpApi api = new HttpApi(port, Role.SERVICE);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add("doppelt-" + i);
        }

        // each id from six senders at once: one registers it, five lose the race
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            for (String id : ids) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    answers.add(senders.submit(() -> {
                        start.await();
                        return api.post("/api/buendnisse", registration(id)).status();
                    }));
                }
                start.countDown();
                Map<Integer, Long> statuses = new TreeMap<>();
                for (Future<Integer> answer : answers) {
                    statuses.merge(answer.get(), 1L, Long::sum);
                }
                assertThat(statuses).as(id).isEqualTo(Map.of(201, 1L, 409, (long) SENDERS - 1));
            }
        } finally {
            senders.shutdownNow();
        }
        // and each again, in turn
        for (String id : ids) {
            assertThat(api.post("/api/buendnisse", registration(id)).status()).as(id).isEqualTo(409);
        }

        HttpApi.Answer last = api.post("/api/buendnisse", registration("einzeln"));
        assertThat(last.status()).isEqualTo(201);
        long lastPosition = Long.parseLong(last.header("X-Event-Position"));

        JdbcTemplate store = new JdbcTemplate(eventStore);
        List<Long> positions = store.queryForList(
                "SELECT globalIndex FROM DomainEventEntry WHERE globalIndex <= ? ORDER BY globalIndex", Long.class,
                lastPosition);
        List<Long> empty = new ArrayList<>();
        for (long position = 1, next = 0; position <= lastPosition; position++) {
            if (next < positions.size() && positions.get((int) next) == position) {
                next++;
            } else {
                empty.add(position);
            }
        }
        assertThat(empty).as("positions up to %d without an event", lastPosition).isEmpty();
        assertThat(store.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE"
                + " '%.BuendnisRegistered' AND globalIndex <= ?", Long.class, lastPosition))
                .as("each id registered once, and the last").isEqualTo(ids.size() + 1L);
    }

    private static String registration(String id) {
        return json("""
                {'id': '%s', 'name': 'Lokales Bündnis für Familie Hamm', 'municipalityKey': '05915000',
                 'place': 'Hamm', 'bundesland': 'DE-NW', 'organisationForm': 'WORKING_GROUP',
                 'foundedOn': '2006-05-15', 'fieldsOfAction': ['CHILD_CARE']}""".formatted(id));
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("lbf-command-duplicates-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
