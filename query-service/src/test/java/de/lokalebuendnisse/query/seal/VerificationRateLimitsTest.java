package de.lokalebuendnisse.query.seal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerificationRateLimitsTest {

    @Test
    void eachClientHasItsOwnAllowanceAndIsToldWhenToComeBack() {
        VerificationRateLimits limits = new VerificationRateLimits(
                new VerificationProperties.RateLimit(3, Duration.ofMinutes(1), 100));
        for (int i = 0; i < 3; i++) {
            limits.acquire("10.0.0.1");
        }
        assertThatThrownBy(() -> limits.acquire("10.0.0.1"))
                .isInstanceOfSatisfying(VerificationRateLimits.RateLimitedException.class,
                        e -> assertThat(e.retryAfterSeconds()).isBetween(1L, 60L));
        limits.acquire("10.0.0.2");
    }

    @Test
    void theAllowanceIsFullAgainAfterThePeriod() throws InterruptedException {
        VerificationRateLimits limits = new VerificationRateLimits(
                new VerificationProperties.RateLimit(1, Duration.ofMillis(200), 100));
        limits.acquire("a");
        assertThatThrownBy(() -> limits.acquire("a")).isInstanceOf(VerificationRateLimits.RateLimitedException.class);
        Thread.sleep(250);
        limits.acquire("a");
    }

    @Test
    void atMostTheConfiguredNumberOfClientsIsRemembered() {
        VerificationRateLimits limits = new VerificationRateLimits(
                new VerificationProperties.RateLimit(1, Duration.ofMinutes(1), 2));
        limits.acquire("a");
        limits.acquire("b");
        limits.acquire("c");
        assertThat(limits.clients()).isEqualTo(2);
        // "b" and "c" are still held to their allowance
        assertThatThrownBy(() -> limits.acquire("c")).isInstanceOf(VerificationRateLimits.RateLimitedException.class);
    }
}
