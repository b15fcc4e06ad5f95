package de.lokalebuendnisse.audit.trail.chain;

import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.kernel.audit.SealAuditChain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import static de.lokalebuendnisse.kernel.common.JsonText.quoted;

/**
 * The tamper-evident hash chain over the award history, form {@value #FORM}. Each link is the SHA-256 of the
 * canonical text of one event together with the previous link; the first event's previous link is
 * {@link #GENESIS}. Events are chained in event-store order; every stored event takes part except the chain's own
 * anchors ({@value #ANCHOR_TYPE}).
 * <p>
 * The canonical text, so an auditor can recompute it with other tools: UTF-8, one field a line, each line
 * {@code name:value} ended by a line feed (0x0A), in this order:
 * <pre>
 * lbf-audit-chain-v1
 * previous:&lt;previous link, 64 lower-case hex digits&gt;
 * id:&lt;event identifier&gt;
 * aggregate:&lt;aggregate identifier&gt;
 * sequence:&lt;aggregate sequence number, decimal&gt;
 * type:&lt;payload type&gt;
 * revision:&lt;payload revision&gt;
 * timestamp:&lt;UTC, yyyy-MM-ddTHH:mm:ss.SSSZ, truncated to milliseconds&gt;
 * meta.caller:&lt;value&gt;
 * meta.correlationId:&lt;value&gt;
 * meta.causationId:&lt;value&gt;
 * meta.process:&lt;value&gt;
 * payload:&lt;the stored payload&gt;
 * </pre>
 * Every value after the colon is written as a JSON string literal (in double quotes; {@code "} and {@code \} escaped
 * with a backslash, characters below U+0020 as {@code \}{@code u00XX}, everything else as it is), or as
 * {@code null} when absent ({@link de.lokalebuendnisse.kernel.common.JsonText#quoted}). The sequence number is a
 * bare decimal. The link is the lower-case hex SHA-256 of the whole text. Milliseconds, because that is what every
 * supported event store keeps.
 * <p>
 * The one place the chain is computed: the command side's anchoring and the auditors' replay, exports and
 * verification all link through here, stepping with {@link ChainHead#next}.
 */
public final class AuditChain {

    /** The form's name; the ledger's messages check it, so it is defined beside them. */
    public static final String FORM = SealAuditChain.FORM;
    public static final String GENESIS = "0".repeat(64);
    /** The metadata that says who caused an event; the rest (tracing) is not part of the chain. */
    public static final List<String> METADATA_KEYS = List.of("caller", "correlationId", "causationId", "process");
    /**
     * The payload type of the chain's anchors ({@link de.lokalebuendnisse.kernel.audit.AuditChainSealed}), which
     * record a link and are therefore not chained themselves. Written out: it is part of the documented form.
     */
    public static final String ANCHOR_TYPE = "de.lokalebuendnisse.kernel.audit.AuditChainSealed";

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditChain() {
    }

    /** Whether an event of this payload type is part of the chain. */
    public static boolean covers(String payloadType) {
        return !ANCHOR_TYPE.equals(payloadType);
    }

    /** The link of {@code event} after {@code previous}. */
    public static String link(String previous, ChainedEvent event) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical(previous, event).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The canonical text of {@code event} after {@code previous}; see the class comment. */
    public static String canonical(String previous, ChainedEvent event) {
        StringBuilder text = new StringBuilder(256 + (event.payload() == null ? 0 : event.payload().length()));
        text.append(FORM).append('\n');
        line(text, "previous", quoted(previous));
        line(text, "id", quoted(event.eventId()));
        line(text, "aggregate", quoted(event.aggregateId()));
        line(text, "sequence", Long.toString(event.sequenceNumber()));
        line(text, "type", quoted(event.payloadType()));
        line(text, "revision", quoted(event.payloadRevision()));
        line(text, "timestamp", quoted(timestamp(event.timestamp())));
        for (String key : METADATA_KEYS) {
            line(text, "meta." + key, quoted(event.metaData() == null ? null : event.metaData().get(key)));
        }
        line(text, "payload", quoted(event.payload()));
        return text.toString();
    }

    /** A timestamp as the canonical forms write it: UTC, truncated to milliseconds; null when absent. */
    public static String timestamp(Instant instant) {
        return instant == null ? null : MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(name).append(':').append(value).append('\n');
    }
}
