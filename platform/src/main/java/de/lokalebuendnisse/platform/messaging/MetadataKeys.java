package de.lokalebuendnisse.platform.messaging;

/**
 * The metadata keys every command and the events it causes carry, written by the command service and read by the
 * reading services (audit history, replay report). The audit trail's canonical forms list the names they chain
 * ({@code AuditChain.metadataKeys(form)}), which must stay as documented even if this class grows.
 */
public final class MetadataKeys {

    /**
     * Who acted, by display name, from the verified access token ({@code name}, else {@code preferred_username},
     * else the client id). Events stored before tokens were required hold whatever the caller then declared.
     */
    public static final String CALLER = "caller";
    /** The token's subject ({@code sub}): the stable identity of the person or machine client at its issuer. */
    public static final String CALLER_SUBJECT = "callerSubject";
    /** The OAuth2 client the token was issued to ({@code azp}, else {@code client_id}). */
    public static final String CALLER_CLIENT = "callerClient";
    /** The role the request was admitted under: the first role of the operation's access rule the caller holds. */
    public static final String CALLER_ROLE = "callerRole";
    /** The caller's metadata, in the order the audit trail lists it. */
    public static final java.util.List<String> IDENTITY = java.util.List.of(CALLER, CALLER_SUBJECT, CALLER_CLIENT,
            CALLER_ROLE);
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
