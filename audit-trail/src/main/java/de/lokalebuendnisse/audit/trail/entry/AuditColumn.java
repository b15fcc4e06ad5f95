package de.lokalebuendnisse.audit.trail.entry;

import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.AuditEntry;

import java.time.Instant;
import java.util.function.Function;

/**
 * The fields of an {@link AuditEntry} as columns, in the one order every form of the audit history lists them: the
 * CSV export's columns, the digest's lines ({@link AuditDigest}), the stored documents and the replay's
 * comparison with the live history all take them from here. The names are the JSON names of the fields.
 */
public enum AuditColumn {

    POSITION("position", Long.class, false, AuditEntry::position),
    TIMESTAMP("timestamp", Instant.class, false, AuditEntry::timestamp),
    EVENT_TYPE("eventType", String.class, false, AuditEntry::eventType),
    EVENT_REVISION("eventRevision", String.class, false, AuditEntry::eventRevision),
    AGGREGATE_ID("aggregateId", String.class, false, AuditEntry::aggregateId),
    SEQUENCE_NUMBER("sequenceNumber", Long.class, false, AuditEntry::sequenceNumber),
    BUENDNIS_ID("buendnisId", String.class, true, AuditEntry::buendnisId),
    PERIOD("period", String.class, true, AuditEntry::period),
    CAMPAIGN_YEAR("campaignYear", Integer.class, true, AuditEntry::campaignYear),
    CALLER("caller", String.class, true, AuditEntry::caller),
    CALLER_SUBJECT("callerSubject", String.class, true, AuditEntry::callerSubject),
    CALLER_CLIENT("callerClient", String.class, true, AuditEntry::callerClient),
    CALLER_ROLE("callerRole", String.class, true, AuditEntry::callerRole),
    CORRELATION_ID("correlationId", String.class, true, AuditEntry::correlationId),
    CAUSATION_ID("causationId", String.class, true, AuditEntry::causationId),
    PROCESS("process", String.class, true, AuditEntry::process),
    REASON("reason", String.class, false, AuditEntry::reason),
    EVENT_ID("eventId", String.class, false, AuditEntry::eventId);

    private final String key;
    private final Class<?> type;
    private final boolean optional;
    private final Function<AuditEntry, Object> value;

    AuditColumn(String key, Class<?> type, boolean optional, Function<AuditEntry, Object> value) {
        this.key = key;
        this.type = type;
        this.optional = optional;
        this.value = value;
    }

    /** The field's JSON name: the CSV header, the digest's line name, the stored document's key. */
    public String key() {
        return key;
    }

    /** {@code Long} (also for {@code long} fields), {@code Integer}, {@code Instant} or {@code String}. */
    public Class<?> type() {
        return type;
    }

    /** Whether the value is a number, written as a bare decimal rather than as text. */
    public boolean numeric() {
        return Number.class.isAssignableFrom(type);
    }

    /** Whether the field concerns only some events (null for the others), so a stored form may leave it out. */
    public boolean optional() {
        return optional;
    }

    /** The entry's value in this column, as the record holds it; null when absent. */
    public Object valueOf(AuditEntry entry) {
        return value.apply(entry);
    }

    /**
     * The value as plain text: numbers as bare decimals, the timestamp in the canonical forms' UTC milliseconds
     * ({@link AuditChain#timestamp}), which is also all that a stored entry keeps; null when absent.
     */
    public String text(AuditEntry entry) {
        Object raw = valueOf(entry);
        if (raw instanceof Instant instant) {
            return AuditChain.timestamp(instant);
        }
        return raw == null ? null : raw.toString();
    }

    /**
     * An entry from its values column by column; {@code valueOf} answers with the column's {@link #type()} (a
     * {@code Long} column also takes any {@link Number}).
     */
    public static AuditEntry entry(Function<AuditColumn, Object> valueOf) {
        return new AuditEntry(
                (String) valueOf.apply(EVENT_ID),
                ((Number) valueOf.apply(POSITION)).longValue(),
                (Instant) valueOf.apply(TIMESTAMP),
                (String) valueOf.apply(EVENT_TYPE),
                (String) valueOf.apply(EVENT_REVISION),
                (String) valueOf.apply(AGGREGATE_ID),
                ((Number) valueOf.apply(SEQUENCE_NUMBER)).longValue(),
                (String) valueOf.apply(BUENDNIS_ID),
                (String) valueOf.apply(PERIOD),
                (Integer) valueOf.apply(CAMPAIGN_YEAR),
                (String) valueOf.apply(CALLER),
                (String) valueOf.apply(CALLER_SUBJECT),
                (String) valueOf.apply(CALLER_CLIENT),
                (String) valueOf.apply(CALLER_ROLE),
                (String) valueOf.apply(CORRELATION_ID),
                (String) valueOf.apply(CAUSATION_ID),
                (String) valueOf.apply(PROCESS),
                (String) valueOf.apply(REASON));
    }
}
