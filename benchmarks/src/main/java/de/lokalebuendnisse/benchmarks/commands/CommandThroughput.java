package de.lokalebuendnisse.benchmarks.commands;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures how many commands per second the command service accepts over HTTP: registrations (each a new event
 * stream) with a given number of concurrent clients, in several rounds; prints each round and the median.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/classes de.lokalebuendnisse.benchmarks.commands.CommandThroughput \
 *     http://localhost:8081 2000 4 5 [keyed]
 * </pre>
 * (base URL, commands per round, concurrent clients, rounds; {@code keyed} sends each with an Idempotency-Key, so
 * its record is written too). Only loopback targets are meant. It needs nothing but the JDK, and an access token
 * of a calling service in the environment variable {@code LBF_ACCESS_TOKEN} (README, "Getting a token"); tokens
 * live five minutes, so fetch one right before.
 */
public final class CommandThroughput {

    private CommandThroughput() {
    }

    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    /**
     * The benchmark as {@link #main} runs it, printing to {@code out} (the smoke test reads what it prints). Fails
     * on the first command not answered 201.
     */
    public static void run(String[] args, PrintStream out) throws Exception {
        String token = System.getenv("LBF_ACCESS_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("set LBF_ACCESS_TOKEN to an access token with the role service");
        }
        run(args, token, out);
    }

    /** The benchmark with this access token. */
    public static void run(String[] args, String token, PrintStream out) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8081";
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        boolean keyed = args.length > 4 && args[4].equals("keyed");
        if (!URI.create(base).getHost().matches("localhost|127\\.0\\.0\\.1|\\[::1\\]")) {
            throw new IllegalArgumentException("benchmark only loopback targets");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            // warm-up: the JIT and the connection pool, not measured
            runRound(http, pool, base, token, perRound, clients, keyed);
            double[] rates = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                runRound(http, pool, base, token, perRound, clients, keyed);
                double seconds = (System.nanoTime() - start) / 1e9;
                rates[round] = perRound / seconds;
                out.printf(Locale.ROOT, "round %d: %d commands in %.2f s = %.0f commands/s%n", round + 1, perRound,
                        seconds, rates[round]);
            }
            Arrays.sort(rates);
            out.printf(Locale.ROOT, "median: %.0f commands/s (%d clients, %d rounds%s)%n", rates[rounds / 2], clients,
                    rounds, keyed ? ", keyed" : "");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void runRound(HttpClient http, ExecutorService pool, String base, String token, int count,
                                 int clients,
                                 boolean keyed) throws Exception {
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int share = count / clients + (c < count % clients ? 1 : 0);
            work.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    register(http, base, token, keyed);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
    }

    private static void register(HttpClient http, String base, String token, boolean keyed) throws Exception {
        String id = "bench-" + UUID.randomUUID();
        String body = """
                {"id":"%s","name":"Benchmark-Bündnis","municipalityKey":"05915000","place":"Hamm",
                 "bundesland":"DE-NW","organisationForm":"WORKING_GROUP","foundedOn":"2006-05-15",
                 "fieldsOfAction":["CHILD_CARE"]}""".formatted(id);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/buendnisse"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token);
        if (keyed) {
            request.header("Idempotency-Key", id);
        }
        HttpResponse<Void> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + response.statusCode());
        }
    }
}
