package de.lokalebuendnisse.query.seal;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public verification's allowance per client: a Resilience4j rate limiter per remote address, from one
 * registry configured by {@code lbf.verification.rate-limit.*}. A refused request does not wait (timeout zero); it
 * is told when to come back. The registry holds at most {@code clients} limiters: the client heard from least
 * recently is forgotten first, so a flood of addresses cannot grow memory without bound (a forgotten client starts
 * again with a full allowance, which costs an attacker the addresses it had to spend).
 */
public final class VerificationRateLimits {

    private final RateLimiterRegistry registry;
    private final Duration period;
    private final Map<String, Boolean> recent;

    public VerificationRateLimits(VerificationProperties.RateLimit settings) {
        this.period = settings.period();
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(settings.limit())
                .limitRefreshPeriod(settings.period())
                .timeoutDuration(Duration.ZERO)
                .build());
        int clients = settings.clients();
        this.recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                if (size() > clients) {
                    registry.remove(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * Takes one verification from the client's allowance.
     *
     * @throws RateLimitedException when it is spent, with the seconds until it is refilled
     */
    public void acquire(String client) {
        RateLimiter limiter;
        synchronized (recent) {
            recent.put(client, Boolean.TRUE);
            limiter = registry.rateLimiter(client);
        }
        if (!limiter.acquirePermission()) {
            throw new RateLimitedException(retryAfterSeconds(limiter));
        }
    }

    /** Clients currently remembered. */
    public int clients() {
        synchronized (recent) {
            return recent.size();
        }
    }

    private long retryAfterSeconds(RateLimiter limiter) {
        long nanos = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait() : period.toNanos();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** The client's allowance is spent for now. */
    public static final class RateLimitedException extends RuntimeException {

        private final long retryAfterSeconds;

        RateLimitedException(long retryAfterSeconds) {
            super("too many verifications from this client; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
