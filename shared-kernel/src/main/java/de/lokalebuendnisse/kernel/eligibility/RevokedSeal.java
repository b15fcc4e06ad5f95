package de.lokalebuendnisse.kernel.eligibility;

import java.time.Instant;

/** Why and when the period's seal was revoked. */
public record RevokedSeal(String reason, Instant revokedAt) {
}
