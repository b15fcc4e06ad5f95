package de.lokalebuendnisse.benchmarks.load;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WrkTest {

    @Test
    void reads_the_scripts_summary_line_among_wrks_own_output() {
        Wrk.Figures figures = Wrk.parse("Running 2s test @ http://127.0.0.1:1\n  2 threads and 32 connections\n"
                + "LBF-WRK requests=4200 seconds=2.000100 p50=3.250 p99=19.500 unexpected=0 errors=0 example=\n");
        assertThat(figures.requests()).isEqualTo(4200);
        assertThat(figures.rate()).isBetween(2099.0, 2100.0);
        assertThat(figures.p50Ms()).isEqualTo(3.25);
        assertThat(figures.p99Ms()).isEqualTo(19.5);
        assertThat(figures.unexpected()).isZero();
        assertThatThrownBy(() -> Wrk.parse("Running 2s test\nsocket errors\n"))
                .hasMessageContaining("no summary");
    }

    @Test
    void the_script_refuses_a_path_that_would_break_out_of_its_string() {
        assertThatThrownBy(() -> Wrk.script(List.of("/a\nb"), "t", 200)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Wrk.script(List.of("/a\"b"), "t", 200)).contains("\"/a\\\"b\"");
    }

    /** Runs only where wrk is installed (.ci/run installs it; ./bench.sh falls back to the Java client without). */
    @Test
    void sends_every_path_in_turn_with_the_token_and_counts_answers_of_another_status() throws Exception {
        Wrk wrk = Wrk.find().orElse(null);
        assumeTrue(wrk != null, "wrk is not installed");
        Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
        AtomicLong withoutToken = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().toString();
            seen.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
            boolean authorized = "Bearer secret-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!authorized) {
                withoutToken.incrementAndGet();
            }
            int status = !authorized ? 401 : path.startsWith("/missing") ? 404 : 200;
            byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Wrk.Figures ok = wrk.get(base, List.of("/a?land=DE-NW", "/b"), "secret-token", 4, Duration.ofSeconds(1),
                    200);
            assertThat(ok.requests()).isPositive();
            assertThat(ok.unexpected()).isZero();
            assertThat(ok.errors()).isZero();
            assertThat(ok.p99Ms()).isGreaterThanOrEqualTo(ok.p50Ms()).isPositive();
            assertThat(seen.keySet()).containsExactlyInAnyOrder("/a?land=DE-NW", "/b");
            assertThat(withoutToken.get()).isZero();

            Wrk.Figures notFound = wrk.get(base, List.of("/missing-1", "/b"), "secret-token", 2,
                    Duration.ofSeconds(1), 404);
            // every /b answer is 200 where 404 was expected: about half of them, and named
            assertThat(notFound.unexpected()).isPositive().isLessThan(notFound.requests());
            assertThat(notFound.example()).startsWith("200 ");
        } finally {
            server.stop(0);
        }
    }
}
