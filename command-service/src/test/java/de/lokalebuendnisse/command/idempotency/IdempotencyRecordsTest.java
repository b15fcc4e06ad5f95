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

import de.lokalebuendnisse.command.idempotency.IdempotencyRecords.Claim;

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
        assertThat(records.claim("k", "f1")).isEqualTo(Claim.NEW);
        assertThat(records.claim("k", "f1")).isEqualTo(Claim.HELD);
        records.complete("k", 201, "application/json", "/api/buendnisse/hamm", "{\"buendnisId\":\"hamm\"}");
        assertThat(records.find("k")).hasValueSatisfying(answer -> {
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.location()).isEqualTo("/api/buendnisse/hamm");
            assertThat(answer.body()).isEqualTo("{\"buendnisId\":\"hamm\"}");
        });
    }

    @Test
    void aPendingClaimIsNotTakenOverWhileItsRequestMayStillRun() {
        assertThat(records.claim("k", "f1")).isEqualTo(Claim.NEW);
        clock.advance(Duration.ofSeconds(59));
        assertThat(records.claim("k", "f1")).isEqualTo(Claim.HELD);
    }

    @Test
    void aClaimAbandonedByADeadProcessIsTakenOverByTheRetry() {
        assertThat(records.claim("k", "f1")).isEqualTo(Claim.NEW);
        clock.advance(Duration.ofSeconds(61));
        assertThat(records.claim("k", "f1")).isEqualTo(Claim.TAKEN_OVER);
        assertThat(records.claim("k", "f1")).as("and only by one retry").isEqualTo(Claim.HELD);
    }

    @Test
    void aCompletedAnswerIsNeverTakenOver() {
        assertThat(records.claim("k", "f1")).isEqualTo(Claim.NEW);
        records.complete("k", 200, "application/json", null, "{}");
        clock.advance(Duration.ofDays(30));
        assertThat(records.claim("k", "f1")).isEqualTo(Claim.HELD);
        assertThat(records.find("k")).hasValueSatisfying(answer -> assertThat(answer.status()).isEqualTo(200));
    }

    @Test
    void aReleasedKeyCanBeClaimedAgain() {
        assertThat(records.claim("k", "f1")).isEqualTo(Claim.NEW);
        records.release("k");
        assertThat(records.find("k")).isEmpty();
        assertThat(records.claim("k", "f1")).isEqualTo(Claim.NEW);
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
