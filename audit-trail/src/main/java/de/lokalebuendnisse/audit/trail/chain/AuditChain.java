package de.lokalebuendnisse.audit.trail.chain;

import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.kernel.audit.SealAuditChain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import static de.lokalebuendnisse.kernel.common.JsonText.appendQuoted;

/**
 * The tamper-evident hash chain over the award history, form {@value #FORM}. Each link is the SHA-256 of the
 * canonical text of one event together with the previous link; the first event's previous link is
 * {@link #GENESIS}. Events are chained in event-store order; every stored event takes part except the chain's own
 * anchors ({@value #ANCHOR_TYPE}).
 * <p>
 * The canonical text, so an auditor can recompute it with other tools: UTF-8, one field a line, each line
 * {@code name:value} ended by a line feed (0x0A). Which text an event has depends on its own metadata:
 * <ul>
 * <li><b>{@value #FORM_V2}</b> when the metadata carries any of the caller's verified identity keys
 * ({@code callerSubject}, {@code callerClient}, {@code callerRole}: every command admitted with an access token,
 * and every event it causes, carries all three), in this order:
 * <pre>
 * lbf-audit-chain-v2
 * previous:&lt;previous link, 64 lower-case hex digits&gt;
 * id:&lt;event identifier&gt;
 * aggregate:&lt;aggregate identifier&gt;
 * sequence:&lt;aggregate sequence number, decimal&gt;
 * type:&lt;payload type&gt;
 * revision:&lt;payload revision&gt;
 * timestamp:&lt;UTC, yyyy-MM-ddTHH:mm:ss.SSSZ, truncated to milliseconds&gt;
 * meta.caller:&lt;value&gt;
 * meta.callerSubject:&lt;value&gt;
 * meta.callerClient:&lt;value&gt;
 * meta.callerRole:&lt;value&gt;
 * meta.correlationId:&lt;value&gt;
 * meta.causationId:&lt;value&gt;
 * meta.process:&lt;value&gt;
 * payload:&lt;the stored payload&gt;
 * </pre></li>
 * <li><b>{@value #FORM_V1}</b> otherwise (every event stored before tokens were required), exactly as before the
 * identity was chained, so the links, fingerprints and anchors recorded then still check: the same lines without
 * the three identity lines, the first line {@code lbf-audit-chain-v1}:
 * <pre>
 * lbf-audit-chain-v1
 * previous, id, aggregate, sequence, type, revision, timestamp,
 * meta.caller, meta.correlationId, meta.causationId, meta.process, payload
 * </pre></li>
 * </ul>
 * Every value after the colon is written as a JSON string literal (in double quotes; {@code "} and {@code \} escaped
 * with a backslash, characters below U+0020 as {@code \}{@code u00XX}, everything else as it is), or as
 * {@code null} when absent ({@link de.lokalebuendnisse.kernel.common.JsonText#quoted}). The sequence number is a
 * bare decimal. The link is the lower-case hex SHA-256 of the whole text. Milliseconds, because that is what every
 * supported event store keeps.
 * <p>
 * The payload is chained as stored, never as a reader opens it: a contact person's details are stored sealed
 * ({@code SealedPersonalData}: algorithm, IV, AES-GCM ciphertext), so the chain hashes the ciphertext. Erasing a
 * person deletes only the person's key, not a byte of any event, so every link, fingerprint and anchor still checks
 * after an erasure, and nothing personal can be recomputed from the chain.
 * <p>
 * Why choosing the text by the event's own metadata cannot be abused: the choice is made from the stored event
 * itself and the first line names it, so no two events with different chained fields have the same text.
 * Removing the identity from a stored v2 event (to make it look like an event from before tokens, or to hide who
 * acted) turns its text into a v1 text, a different text, so its link and every link after it change and the
 * verification reports the event (its fingerprint) and every anchor after it. Adding an identity to a stored v1
 * event, or changing any of the identity's values, changes the text likewise. Any one of the three keys switches
 * to v2, not {@code callerSubject} alone, so that a role or client planted on an old event without a subject is
 * chained too and cannot pass unnoticed.
 * <p>
 * The form of the chain as a whole, which a seal records ({@link de.lokalebuendnisse.kernel.audit.AuditChainSealed}),
 * is {@value #FORM}: each event linked as above. Seals recorded before name {@value #FORM_V1}; over events without
 * identity, which are all there were then, both forms give the same head, so an anchor of either form is checked
 * against the same recomputed chain ({@link #FORMS}); any other form is refused.
 * <p>
 * The one place the chain is computed: the command side's anchoring and the auditors' replay, exports and
 * verification all link through here, stepping with {@link ChainHead#next}.
 */
public final class AuditChain {

    /** The form of events without identity and of the seals recorded before it was chained. */
    public static final String FORM_V1 = SealAuditChain.FORM_V1;
    /** The form of events with the caller's verified identity. */
    public static final String FORM_V2 = SealAuditChain.FORM_V2;
    /** The form new seals record; the ledger's messages check it, so the names are defined beside them. */
    public static final String FORM = SealAuditChain.FORM;
    /** The forms a seal may name: both are checked against the same recomputed chain. */
    public static final List<String> FORMS = SealAuditChain.FORMS;
    public static final String GENESIS = "0".repeat(64);
    /**
     * The metadata of form {@value #FORM_V1}, in the order of its lines: who caused an event by self-declared name,
     * and how; the rest (tracing) is not part of the chain. Written out rather than taken from the platform's
     * {@code MetadataKeys}: it is part of the documented form and must not change if that class grows.
     */
    public static final List<String> METADATA_KEYS_V1 = List.of("caller", "correlationId", "causationId", "process");
    /** The caller's verified identity beside its name; any of them makes an event's text {@value #FORM_V2}. */
    public static final List<String> IDENTITY_KEYS = List.of("callerSubject", "callerClient", "callerRole");
    /** The metadata of form {@value #FORM_V2}, in the order of its lines: the identity right after the name. */
    public static final List<String> METADATA_KEYS_V2 = List.of("caller", "callerSubject", "callerClient",
            "callerRole", "correlationId", "causationId", "process");
    /** Every metadata key some form chains: what a reader of stored events must keep of an event's metadata. */
    public static final List<String> METADATA_KEYS = METADATA_KEYS_V2;
    /**
     * The payload type of the chain's anchors ({@link de.lokalebuendnisse.kernel.audit.AuditChainSealed}), which
     * record a link and are therefore not chained themselves. Written out: it is part of the documented form.
     */
    public static final String ANCHOR_TYPE = "de.lokalebuendnisse.kernel.audit.AuditChainSealed";

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** The instants whose year has four digits and no era: written by hand, the others by {@link #MILLIS}. */
    private static final long FIRST_SECOND_OF_YEAR_1 = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND_OF_YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    /**
     * One digest per thread, reused: looking SHA-256 up among the security providers for every link was about a
     * hundredth of a replay's own thread.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private AuditChain() {
    }

    /** Whether an event of this payload type is part of the chain. */
    public static boolean covers(String payloadType) {
        return !ANCHOR_TYPE.equals(payloadType);
    }

    /** The link of {@code event} after {@code previous}. */
    public static String link(String previous, ChainedEvent event) {
        // digest() resets the digest, so nothing of this link is left for the next one
        return HexFormat.of().formatHex(SHA_256.get().digest(canonical(previous, event).getBytes(StandardCharsets.UTF_8)));
    }

    /** The form of {@code event}'s own text: {@value #FORM_V2} when it carries an identity, else {@value #FORM_V1}. */
    public static String formOf(ChainedEvent event) {
        if (event.metaData() != null) {
            for (String key : IDENTITY_KEYS) {
                if (event.metaData().get(key) != null) {
                    return FORM_V2;
                }
            }
        }
        return FORM_V1;
    }

    /** The metadata lines of an event text of {@code form}, in their order. */
    public static List<String> metadataKeys(String form) {
        if (FORM_V1.equals(form)) {
            return METADATA_KEYS_V1;
        }
        if (FORM_V2.equals(form)) {
            return METADATA_KEYS_V2;
        }
        throw new IllegalArgumentException("no canonical form " + form + "; known are " + FORMS);
    }

    /** The canonical text of {@code event} after {@code previous}; see the class comment. */
    public static String canonical(String previous, ChainedEvent event) {
        String form = formOf(event);
        StringBuilder text = new StringBuilder(320 + (event.payload() == null ? 0 : event.payload().length()));
        text.append(form).append('\n');
        quotedLine(text, "previous", previous);
        quotedLine(text, "id", event.eventId());
        quotedLine(text, "aggregate", event.aggregateId());
        text.append("sequence:").append(event.sequenceNumber()).append('\n');
        quotedLine(text, "type", event.payloadType());
        quotedLine(text, "revision", event.payloadRevision());
        quotedLine(text, "timestamp", timestamp(event.timestamp()));
        for (String key : metadataKeys(form)) {
            text.append("meta.");
            quotedLine(text, key, event.metaData() == null ? null : event.metaData().get(key));
        }
        quotedLine(text, "payload", event.payload());
        return text.toString();
    }

    /** A timestamp as the canonical forms write it: UTC, truncated to milliseconds; null when absent. */
    public static String timestamp(Instant instant) {
        if (instant == null) {
            return null;
        }
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND_OF_YEAR_1 || seconds > LAST_SECOND_OF_YEAR_9999) {
            return MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        // the same text as MILLIS, written digit by digit: the formatter was about a twentieth of a replay's own
        // thread (every event's link and every entry's comparison write its timestamp)
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        byte[] text = new byte[24];
        digits(text, 0, time.getYear(), 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** {@code value} in {@code width} decimal digits with leading zeros, from {@code offset} on. */
    private static void digits(byte[] text, int offset, int value, int width) {
        for (int i = offset + width - 1; i >= offset; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** {@code name:"value"} and a line break; the value written into the text, not copied first (see JsonText). */
    private static void quotedLine(StringBuilder text, String name, String value) {
        appendQuoted(text.append(name).append(':'), value).append('\n');
    }
}
