package de.lokalebuendnisse.query.trust;

import de.lokalebuendnisse.platform.projection.ReadWaits;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.query.testing.ServicesBeside;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads that name a position the directory has not reached yet wait parked, not on the server's threads. Found from
 * outside: 300 such reads held every server thread for the whole consistency wait, and plain reads and the health
 * check took up to 3 s behind them. Here the server has 4 threads and 40 reads wait at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING, "server.tomcat.threads.max=4",
                "lbf.query.consistency-wait=2s", "lbf.verification.rate-limit.limit=2"})
class ParkedReadsEndToEndTest {

    private static final int WAITING_READS = 40;

    @RegisterExtension
    static final ServicesBeside SERVICES = ServicesBeside.commandService("parked-reads-e2e");

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", () -> SERVICES.dataDir().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ReadWaits waits;

    @Test
    void readsWaitingForTheirPositionHoldNoServerThreadAndAnswerOnceItIsReached() throws Exception {
        Http commands = new Http(SERVICES.commands().port()).as(Role.STAFF);
        Http queries = new Http(port).as(Role.STAFF);
        Http.Answer first = commands.post("/api/buendnisse", Writes.registration("first"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long next = Long.parseLong(first.header("X-Event-Position")) + 1;
        Http.Answer firstRead = queries.get("/api/directory/first", "X-Event-Position",
                first.header("X-Event-Position"));
        assertThat(firstRead.status()).as(firstRead.toString()).isEqualTo(200);

        ExecutorService callers = Executors.newFixedThreadPool(WAITING_READS);
        try {
            List<CompletableFuture<Http.Answer>> waiting = new ArrayList<>();
            for (int i = 0; i < WAITING_READS; i++) {
                waiting.add(CompletableFuture.supplyAsync(() -> queries.get("/api/directory/second",
                        "X-Event-Position", Long.toString(next)), callers));
            }
            // let the reads arrive (parked ones are counted; reads held on server threads would not be)
            long arriving = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (waits.parked() < WAITING_READS && System.nanoTime() < arriving) {
                Thread.sleep(20);
            }

            Http.Answer gauge = new Http(port).as(Role.ADMIN).get("/actuator/metrics/lbf.reads.parked");
            assertThat(gauge.status()).as(gauge.toString()).isEqualTo(200);
            assertThat(gauge.json().path("measurements").path(0).path("value").asDouble())
                    .as("the operator sees the waiting reads").isEqualTo(WAITING_READS);

            long started = System.nanoTime();
            Http.Answer stats = queries.get("/api/directory/stats");
            Http.Answer health = new Http(port).get("/actuator/health");
            Duration plainReads = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("a plain read and the health check beside %d parked reads on 4 threads: %d ms%n",
                    WAITING_READS, plainReads.toMillis());
            assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
            assertThat(health.status()).as(health.toString()).isEqualTo(200);
            assertThat(plainReads).as("no server thread is held by a waiting read").isLessThan(Duration.ofSeconds(1));

            Http.Answer second = commands.post("/api/buendnisse", Writes.registration("second"));
            assertThat(second.status()).as(second.toString()).isEqualTo(201);
            assertThat(Long.parseLong(second.header("X-Event-Position"))).as("the position the reads wait for")
                    .isEqualTo(next);
            for (CompletableFuture<Http.Answer> read : waiting) {
                Http.Answer answer = read.join();
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                assertThat(answer.json().path("buendnisId").asText()).isEqualTo("second");
            }
            assertThat(waits.parked()).isZero();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aReadWhosePositionIsNotReachedInTimeIsAnsweredWith503AfterTheSameWait() {
        Http queries = new Http(port).as(Role.STAFF);
        long started = System.nanoTime();
        Http.Answer answer = queries.get("/api/directory/stats", "X-Event-Position", "999999999");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(answer.json().path("type").asText()).isEqualTo("urn:lbf:problem:projection-behind");
        assertThat(answer.json().path("requestedPosition").asLong()).isEqualTo(999_999_999L);
        assertThat(answer.rules()).containsExactly("projection-reached");
        assertThat(took).as("waited the consistency wait once, not once per handling")
                .isBetween(Duration.ofMillis(1_900), Duration.ofMillis(3_500));
        assertThat(waits.parked()).isZero();
    }

    @Test
    void aVerificationThatWaitedIsChargedToTheRateLimitOnce() {
        Http visitor = new Http(port);
        String code = "/api/public/seals/ABCD-EFGH-JKMN-PQRS-TVWX";

        Http.Answer first = visitor.get(code, "X-Event-Position", "999999999");
        Http.Answer second = visitor.get(code, "X-Event-Position", "999999999");
        Http.Answer third = visitor.get(code);

        assertThat(first.status()).as(first.toString()).isEqualTo(503);
        assertThat(second.status()).as("charged on arrival only, not again when handled after the wait: "
                + second).isEqualTo(503);
        assertThat(third.status()).as("the limit of 2: " + third).isEqualTo(429);
    }
}
