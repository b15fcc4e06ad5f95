package de.lokalebuendnisse.audit.trail.entry;

import de.lokalebuendnisse.kernel.audit.AuditEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static de.lokalebuendnisse.kernel.common.JsonText.appendQuoted;

/**
 * The digest of an audit history (the whole of it, a year or a period), form {@value #FORM}: the lower-case hex
 * SHA-256 of a canonical text, so two histories with the same entries give the same digest byte for byte, and an
 * auditor can recompute it from a CSV or JSON export with other tools.
 * <p>
 * The text, UTF-8, lines ended by a line feed (0x0A): first the line {@value #FORM}; then per entry, in event-store
 * position order, one line per field, {@code name:value}, in this order:
 * <pre>
 * year, position, timestamp, eventType, eventRevision, aggregateId, sequenceNumber, buendnisId, period,
 * campaignYear, caller, callerSubject, callerClient, callerRole, correlationId, causationId, process, reason,
 * eventId
 * </pre>
 * (the calendar year it is listed under, then the columns of {@link AuditColumn} in their order, which the CSV
 * export has too) followed by an empty line; last the line {@code entries:<count>}. Numbers are bare decimals; text is a JSON string literal ({@code "} and {@code \}
 * escaped with a backslash, characters below U+0020 as {@code \}{@code u00XX}, everything else as it is:
 * {@link de.lokalebuendnisse.kernel.common.JsonText#quoted});
 * {@code timestamp} is UTC {@code yyyy-MM-ddTHH:mm:ss.SSSZ}; an absent value is {@code null}. Nothing of the run
 * that produced the history (replay id, database, time of the run) is part of it.
 * <p>
 * Form {@value #FORM} added the lines {@code callerSubject}, {@code callerClient} and {@code callerRole} after
 * {@code caller} (the caller's verified identity; {@code null} for events stored before tokens were required).
 * Form {@code lbf-audit-history-v1}, named in archives and replay reports made before, is the same text with first
 * line {@code lbf-audit-history-v1} and without those three lines: recompute such a digest from the archive's own
 * CSV or JSON, whose columns are those of its time. No digest is kept by the system itself (not in events, anchors
 * or its databases): every digest it gives is computed from the history when asked, so the new form changes no
 * stored value.
 */
public final class AuditDigest {

    public static final String FORM = "lbf-audit-history-v2";
    public static final String ALGORITHM = "SHA-256";

    private final MessageDigest sha256;
    private final StringBuilder text = new StringBuilder(1024);
    private long entries;
    private String value;

    public AuditDigest() {
        try {
            this.sha256 = MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha256.update((FORM + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the next entry; entries must come in position order. */
    public AuditDigest add(int year, AuditEntry entry) {
        return update(canonicalBytes(year, entry));
    }

    /**
     * Adds the next entry to this digest and to {@code part} (a digest of a part of the same history, such as its
     * year), its text written and encoded once: a replay digests every entry twice so.
     */
    public AuditDigest add(int year, AuditEntry entry, AuditDigest part) {
        if (part == this) {
            throw new IllegalArgumentException("an entry is added to a digest once");
        }
        byte[] text = canonicalBytes(year, entry);
        part.notTaken();
        update(text);
        part.update(text);
        return this;
    }

    private byte[] canonicalBytes(int year, AuditEntry entry) {
        notTaken();
        return canonical(year, entry).getBytes(StandardCharsets.UTF_8);
    }

    private void notTaken() {
        if (value != null) {
            throw new IllegalStateException("the digest has been taken already");
        }
    }

    private AuditDigest update(byte[] entryText) {
        sha256.update(entryText);
        entries++;
        return this;
    }

    public long entries() {
        return entries;
    }

    /** The digest; no entry can be added afterwards. */
    public String value() {
        if (value == null) {
            sha256.update(("entries:" + entries + "\n").getBytes(StandardCharsets.UTF_8));
            value = HexFormat.of().formatHex(sha256.digest());
        }
        return value;
    }

    /** One entry's part of the canonical text, the empty line after it included. */
    public String canonical(int year, AuditEntry entry) {
        text.setLength(0);
        line("year", Integer.toString(year));
        for (AuditColumn column : AuditColumn.values()) {
            String value = column.text(entry);
            text.append(column.key()).append(':');
            // written into the text, not copied first; an absent value is null either way
            (column.numeric() ? text.append(value) : appendQuoted(text, value)).append('\n');
        }
        return text.append('\n').toString();
    }

    private void line(String name, String value) {
        text.append(name).append(':').append(value).append('\n');
    }
}
