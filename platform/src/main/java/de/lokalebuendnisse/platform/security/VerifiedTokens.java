package de.lokalebuendnisse.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens the {@code verifier} accepted, by their exact text, so that a caller sending the same token again
 * is not verified again: the signature check and claim parsing were the largest part of a read request's time (JFR
 * under the benchmark's read load). Nothing is widened: only the very string that passed is recognised (any other
 * token, also one differing in a single character, is verified in full), the answer is the verified token itself
 * (its roles are read from it as before), a refused token is never remembered, and a remembered one counts only
 * until its expiry (without the clock skew the verifier allows) and at most {@code maxAge} after it was verified,
 * so a key withdrawn at the issuer stops working here within {@code maxAge} at the latest.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Jwt jwt, Instant until) {
    }

    VerifiedTokens(JwtDecoder verifier, int capacity, Duration maxAge, Clock clock) {
        this.verifier = verifier;
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** {@code verifier} itself when nothing is to be kept ({@code capacity} or {@code maxAge} zero). */
    static JwtDecoder around(JwtDecoder verifier, int capacity, Duration maxAge) {
        return capacity <= 0 || maxAge.isZero() || maxAge.isNegative() ? verifier
                : new VerifiedTokens(verifier, capacity, maxAge, Clock.systemUTC());
    }

    @Override
    public Jwt decode(String token) {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.until())) {
                return known.jwt();
            }
            verified.remove(token, known);
        }
        Jwt jwt = verifier.decode(token);
        // the validator refuses a token without expiry; should another verifier pass one, it is not kept
        if (jwt.getExpiresAt() != null) {
            Instant until = jwt.getExpiresAt().isBefore(now.plus(maxAge)) ? jwt.getExpiresAt() : now.plus(maxAge);
            if (now.isBefore(until)) {
                makeRoom(now);
                verified.put(token, new Verified(jwt, until));
            }
        }
        return jwt;
    }

    /** Number of tokens kept now (tests). */
    int size() {
        return verified.size();
    }

    /** Drops what no longer counts, and when that is not enough any entries, so that the bound holds. */
    private void makeRoom(Instant now) {
        if (verified.size() < capacity) {
            return;
        }
        verified.values().removeIf(entry -> !now.isBefore(entry.until()));
        Iterator<String> tokens = verified.keySet().iterator();
        while (verified.size() >= capacity && tokens.hasNext()) {
            tokens.next();
            tokens.remove();
        }
    }
}
