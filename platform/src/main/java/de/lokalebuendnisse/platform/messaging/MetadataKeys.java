package de.lokalebuendnisse.platform.messaging;

/**
 * The metadata keys every command and the events it causes carry, written by the command service and read by the
 * query service (audit history, replay report). The shared kernel's audit chain lists the same names for its
 * canonical form ({@code AuditChain.METADATA_KEYS}), which must stay as documented even if this class grows.
 */
public final class MetadataKeys {

    /** The calling service or staff member ({@code X-Caller}). */
    public static final String CALLER = "caller";
    /** The request's correlation id ({@code X-Correlation-Id}), kept down the chain of messages it causes. */
    public static final String CORRELATION_ID = "correlationId";
    /** The identifier of the message that caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** Set when a process, not a request, sent the command. */
    public static final String PROCESS = "process";
    /** SHA-256 of the request's Idempotency-Key: lets a resend after a crash find what its first run recorded. */
    public static final String IDEMPOTENCY_KEY_HASH = "idempotencyKeyHash";

    private MetadataKeys() {
    }
}
