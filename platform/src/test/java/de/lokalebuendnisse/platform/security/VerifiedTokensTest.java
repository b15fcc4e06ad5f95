package de.lokalebuendnisse.platform.security;

import de.lokalebuendnisse.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final Instant T = Instant.parse("2026-12-05T04:00:00Z");

    /** The verifier the services use, on the tests' public key, counting how often it is asked. */
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder realVerifier = TokenValidation.verifier(properties());
    private final JwtDecoder countingVerifier = token -> {
        verifications.incrementAndGet();
        return realVerifier.decode(token);
    };

    private static IdentityProperties properties() {
        return new IdentityProperties(TestTokens.ISSUER, null,
                new ClassPathResource("de/lokalebuendnisse/platform/testing/test-issuer-public.pem"), null, null,
                null, null, null, null, null);
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void theSameTokenIsVerifiedOnceAndAnswersWithItsOwnRoles() {
        VerifiedTokens tokens = new VerifiedTokens(countingVerifier, 16, Duration.ofSeconds(60), Clock.systemUTC());
        String staff = TestTokens.of(Role.STAFF);
        String auditor = TestTokens.of(Role.AUDITOR);

        Jwt first = tokens.decode(staff);
        Jwt again = tokens.decode(staff);
        Jwt other = tokens.decode(auditor);

        assertThat(verifications).hasValue(2);
        assertThat(again.getTokenValue()).isEqualTo(staff);
        assertThat(again.getClaims()).isEqualTo(first.getClaims());
        assertThat(new TokenCallers("roles").roles(again)).containsExactly(Role.STAFF);
        assertThat(new TokenCallers("roles").roles(other)).containsExactly(Role.AUDITOR);
    }

    @Test
    void aTokenDifferingFromARememberedOneInOneCharacterIsVerifiedAndRefused() {
        VerifiedTokens tokens = new VerifiedTokens(countingVerifier, 16, Duration.ofSeconds(60), Clock.systemUTC());
        String staff = TestTokens.of(Role.STAFF);
        tokens.decode(staff);
        String[] parts = staff.split("\\.");
        // the payload's last character changed: same length, same signature, another text
        String payload = parts[1].substring(0, parts[1].length() - 1)
                + (parts[1].endsWith("A") ? "B" : "A");
        String tampered = parts[0] + "." + payload + "." + parts[2];

        assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(TestTokens.token().role(Role.ADMIN).signedByStranger().sign()))
                .isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(3);
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(countingVerifier, 16, Duration.ofSeconds(60), Clock.systemUTC());
        // expired a minute ago: beyond the 30 s the services allow between clocks
        String expired = TestTokens.token().issuedAt(Instant.now().minus(Duration.ofMinutes(6))).sign();

        assertThatThrownBy(() -> tokens.decode(expired)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(expired)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenPastItsExpiryButWithinTheClockSkewIsVerifiedEveryTime() {
        VerifiedTokens tokens = new VerifiedTokens(countingVerifier, 16, Duration.ofSeconds(60), Clock.systemUTC());
        // expired 10 s ago: the verifier still lets it pass (30 s skew), but nothing keeps it beyond its expiry
        String justExpired = TestTokens.token().issuedAt(Instant.now().minus(Duration.ofMinutes(5))
                .minus(Duration.ofSeconds(10))).sign();

        tokens.decode(justExpired);
        tokens.decode(justExpired);

        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aRememberedTokenCountsUntilItsExpiryOnlyAndIsThenVerifiedAgain() {
        MovableClock clock = new MovableClock(T);
        AtomicInteger asked = new AtomicInteger();
        JwtDecoder verifier = token -> {
            asked.incrementAndGet();
            if (!clock.instant().isBefore(T.plusSeconds(120))) {
                throw new JwtException("expired");
            }
            return jwt(token, T.plusSeconds(120));
        };
        VerifiedTokens tokens = new VerifiedTokens(verifier, 16, Duration.ofMinutes(10), clock);

        tokens.decode("a-token");
        clock.now = T.plusSeconds(119);
        tokens.decode("a-token");
        assertThat(asked).hasValue(1);

        clock.now = T.plusSeconds(120);
        assertThatThrownBy(() -> tokens.decode("a-token")).isInstanceOf(JwtException.class);
        assertThat(asked).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterTheMaximumAgeEvenBeforeItsExpiry() {
        MovableClock clock = new MovableClock(T);
        AtomicInteger asked = new AtomicInteger();
        JwtDecoder verifier = token -> {
            asked.incrementAndGet();
            return jwt(token, T.plus(Duration.ofHours(1)));
        };
        VerifiedTokens tokens = new VerifiedTokens(verifier, 16, Duration.ofSeconds(60), clock);

        tokens.decode("a-token");
        clock.now = T.plusSeconds(59);
        tokens.decode("a-token");
        assertThat(asked).hasValue(1);
        clock.now = T.plusSeconds(60);
        tokens.decode("a-token");
        assertThat(asked).hasValue(2);
    }

    @Test
    void noMoreTokensAreKeptThanTheCapacity() {
        AtomicInteger asked = new AtomicInteger();
        JwtDecoder verifier = token -> {
            asked.incrementAndGet();
            return jwt(token, Instant.now().plus(Duration.ofHours(1)));
        };
        VerifiedTokens tokens = new VerifiedTokens(verifier, 3, Duration.ofSeconds(60), Clock.systemUTC());

        for (int i = 0; i < 10; i++) {
            tokens.decode("token-" + i);
            assertThat(tokens.size()).isLessThanOrEqualTo(3);
        }
        assertThat(asked).hasValue(10);
    }

    @Test
    void zeroKeepsNothing() {
        assertThat(VerifiedTokens.around(countingVerifier, 0, Duration.ofSeconds(60))).isSameAs(countingVerifier);
        assertThat(VerifiedTokens.around(countingVerifier, 16, Duration.ZERO)).isSameAs(countingVerifier);
        assertThat(TokenValidation.decoder(properties())).isInstanceOf(VerifiedTokens.class);
    }

    private static Jwt jwt(String token, Instant expiresAt) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("s").claim("roles", List.of("staff"))
                .issuedAt(expiresAt.minusSeconds(600)).expiresAt(expiresAt).build();
    }
}
