package de.lokalebuendnisse.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Load shapes: closed loop (every client sends its next request when the last is answered) and open loop (requests
 * at a fixed rate, latency counted from the scheduled send time, so a slow answer cannot hide the queue behind it).
 */
public final class Load {

    private Load() {
    }

    /** One request of a load: what it sends, given its number. */
    public interface Request {
        Api.Answer send(int number);
    }

    /** The outcome of a load: answers (with latency and position), failures, wall time. */
    public record Result(int sent, int failed, double seconds, double[] latenciesMs, long[] positions,
                         long[] answeredAtNanos, List<String> failures) {

        public double rate() {
            return (sent - failed) / seconds;
        }

        public double p(double percentile) {
            return Percentiles.of(latenciesMs, percentile);
        }
    }

    /** {@code total} requests by {@code clients} clients, closed loop. */
    public static Result closed(int clients, int total, Request request) {
        AtomicLong next = new AtomicLong();
        return run(clients, total, number -> request.send(number), () -> {
            long n = next.getAndIncrement();
            return n < total ? (int) n : -1;
        }, null);
    }

    /**
     * {@code rate} requests per second for {@code seconds}, sent by {@code clients} clients; a request's latency runs
     * from its scheduled time.
     */
    public static Result open(int clients, double rate, double seconds, Request request) {
        int total = Math.max(1, (int) Math.round(rate * seconds));
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        long[] scheduled = new long[total];
        for (int i = 0; i < total; i++) {
            scheduled[i] = start + (long) (i * 1e9 / rate);
        }
        return run(clients, total, number -> request.send(number), () -> {
            long n = next.getAndIncrement();
            if (n >= total) {
                return -1;
            }
            long wait = scheduled[(int) n] - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            return (int) n;
        }, scheduled);
    }

    private interface Ticket {
        int next();
    }

    private static Result run(int clients, int total, IntFunction<Api.Answer> send, Ticket tickets,
                              long[] scheduled) {
        double[] latencies = new double[total];
        long[] positions = new long[total];
        long[] answeredAt = new long[total];
        boolean[] done = new boolean[total];
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                work.add(pool.submit(() -> {
                    for (int n = tickets.next(); n >= 0; n = tickets.next()) {
                        long sentAt = scheduled == null ? System.nanoTime() : scheduled[n];
                        Api.Answer answer = send.apply(n);
                        long now = System.nanoTime();
                        latencies[n] = (now - sentAt) / 1e6;
                        positions[n] = answer.position();
                        answeredAt[n] = now;
                        done[n] = true;
                        if (!answer.ok()) {
                            failed.incrementAndGet();
                            if (failures.size() < 20) {
                                failures.add(answer.status() + " " + abbreviate(answer.body()));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int sent = 0;
        for (boolean d : done) {
            sent += d ? 1 : 0;
        }
        return new Result(sent, (int) failed.get(), seconds, latencies, positions, answeredAt,
                List.copyOf(failures));
    }

    public static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
