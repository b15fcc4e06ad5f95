package de.lokalebuendnisse.command.idempotency;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims of idempotency keys against the MongoDB wire protocol (in-memory stand-in), with a clock the test moves. */
class IdempotencyRecordsTest {

    private MongoServer server;
    private MongoClient client;
    private MutableClock clock;
    private IdempotencyRecords records;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        clock = new MutableClock(Instant.parse("2024-11-22T09:00:00Z"));
        records = new IdempotencyRecords(client.getDatabase("test"), Duration.ofSeconds(60), clock);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aKeyIsClaimedOnceAndItsAnswerKept() {
        assertThat(records.claim("k", "f1")).isTrue();
        assertThat(records.claim("k", "f1")).isFalse();
        records.complete("k", 201, "application/json", "/api/buendnisse/hamm", "{\"buendnisId\":\"hamm\"}");
        assertThat(records.find("k")).hasValueSatisfying(answer -> {
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.location()).isEqualTo("/api/buendnisse/hamm");
            assertThat(answer.body()).isEqualTo("{\"buendnisId\":\"hamm\"}");
        });
    }

    @Test
    void aPendingClaimIsNotTakenOverWhileItsRequestMayStillRun() {
        assertThat(records.claim("k", "f1")).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(records.claim("k", "f1")).isFalse();
    }

    @Test
    void aClaimAbandonedByADeadProcessIsTakenOverByTheRetry() {
        assertThat(records.claim("k", "f1")).isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(records.claim("k", "f1")).isTrue();
        assertThat(records.claim("k", "f1")).as("and only by one retry").isFalse();
    }

    @Test
    void aCompletedAnswerIsNeverTakenOver() {
        assertThat(records.claim("k", "f1")).isTrue();
        records.complete("k", 200, "application/json", null, "{}");
        clock.advance(Duration.ofDays(30));
        assertThat(records.claim("k", "f1")).isFalse();
        assertThat(records.find("k")).hasValueSatisfying(answer -> assertThat(answer.status()).isEqualTo(200));
    }

    @Test
    void aReleasedKeyCanBeClaimedAgain() {
        assertThat(records.claim("k", "f1")).isTrue();
        records.release("k");
        assertThat(records.find("k")).isEmpty();
        assertThat(records.claim("k", "f1")).isTrue();
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
