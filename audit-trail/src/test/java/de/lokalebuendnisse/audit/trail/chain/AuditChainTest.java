package de.lokalebuendnisse.audit.trail.chain;

import de.lokalebuendnisse.kernel.audit.AuditChainSealed;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditChainTest {

    private final ChainedEvent registered = new ChainedEvent("e-1", "buendnis:hamm", 0,
            "de.lokalebuendnisse.kernel.buendnis.BuendnisPaused", "1",
            "{\"buendnisId\":\"hamm\",\"reason\":\"Koordination \\\"unbesetzt\\\"\"}",
            Map.of("caller", "crm", "correlationId", "c-1", "traceId", "not chained"),
            Instant.parse("2024-05-02T08:00:00.123456Z"));

    @Test
    void theCanonicalTextIsTheDocumentedOneFieldPerLineForm() {
        assertThat(AuditChain.canonical(AuditChain.GENESIS, registered)).isEqualTo("""
                lbf-audit-chain-v1
                previous:"0000000000000000000000000000000000000000000000000000000000000000"
                id:"e-1"
                aggregate:"buendnis:hamm"
                sequence:0
                type:"de.lokalebuendnisse.kernel.buendnis.BuendnisPaused"
                revision:"1"
                timestamp:"2024-05-02T08:00:00.123Z"
                meta.caller:"crm"
                meta.correlationId:"c-1"
                meta.causationId:null
                meta.process:null
                payload:"{\\"buendnisId\\":\\"hamm\\",\\"reason\\":\\"Koordination \\\\\\"unbesetzt\\\\\\"\\"}"
                """);
    }

    /**
     * The expected links were computed outside Java, from the documented form written out by hand (printf, one
     * line each, then {@code sha256sum}):
     * <pre>
     * printf '%s\n' 'lbf-audit-chain-v1' 'previous:"000…000"' 'id:"e-1"' 'aggregate:"buendnis:hamm"' 'sequence:0' \
     *   'type:"de.lokalebuendnisse.kernel.buendnis.BuendnisPaused"' 'revision:"1"' \
     *   'timestamp:"2024-05-02T08:00:00.123Z"' 'meta.caller:"crm"' 'meta.correlationId:"c-1"' \
     *   'meta.causationId:null' 'meta.process:null' \
     *   'payload:"{\"buendnisId\":\"hamm\",\"reason\":\"Koordination \\\"unbesetzt\\\"\"}"' | sha256sum
     * </pre>
     * and the second link likewise over {@link #SECOND_TEXT} (UTF-8).
     */
    private static final String FIRST_LINK = "93de085ccef75265645ed5c9d0e9c4bd50761a52febc4d37660ba4a84cd1160e";
    private static final String SECOND_LINK = "d3017b388996274798ee2f0f174761bbaf0a031b220108716665d50e9fd63c73";
    private static final String SECOND_TEXT = """
            lbf-audit-chain-v1
            previous:"93de085ccef75265645ed5c9d0e9c4bd50761a52febc4d37660ba4a84cd1160e"
            id:"e-2"
            aggregate:"seal-award:2024/25"
            sequence:3
            type:"de.lokalebuendnisse.kernel.seal.SealRevoked"
            revision:"1"
            timestamp:"2024-11-22T10:00:00.000Z"
            meta.caller:"servicebüro"
            meta.correlationId:"c-2"
            meta.causationId:"e-1"
            meta.process:"award-intake-process"
            payload:"{\\"reason\\":\\"Zeile 1\\u000aZeile 2\\"}"
            """;

    /** Revoked with a line break kept raw in its stored payload, by a caller whose name is not ASCII. */
    private final ChainedEvent revoked = new ChainedEvent("e-2", "seal-award:2024/25", 3,
            "de.lokalebuendnisse.kernel.seal.SealRevoked", "1", "{\"reason\":\"Zeile 1\nZeile 2\"}",
            Map.of("caller", "servicebüro", "correlationId", "c-2", "causationId", "e-1",
                    "process", "award-intake-process"),
            Instant.parse("2024-11-22T10:00:00Z"));

    @Test
    void aLinkIsTheSha256OfTheCanonicalTextAsOtherToolsComputeIt() {
        assertThat(AuditChain.link(AuditChain.GENESIS, registered)).isEqualTo(FIRST_LINK);
    }

    @Test
    void theNextLinkChainsThePreviousOneWithEscapesAndUtf8AsDocumented() {
        assertThat(AuditChain.canonical(FIRST_LINK, revoked)).isEqualTo(SECOND_TEXT);
        assertThat(AuditChain.link(FIRST_LINK, revoked)).isEqualTo(SECOND_LINK);
    }

    @Test
    void everyChainedFieldAndThePreviousLinkChangeTheLink() {
        String link = AuditChain.link(AuditChain.GENESIS, registered);
        assertThat(AuditChain.link("1" + AuditChain.GENESIS.substring(1), registered)).isNotEqualTo(link);
        assertThat(AuditChain.link(AuditChain.GENESIS, new ChainedEvent("e-1", "buendnis:hamm", 0,
                registered.payloadType(), "1", registered.payload().replace("hamm", "hamn"), registered.metaData(),
                registered.timestamp()))).isNotEqualTo(link);
        assertThat(AuditChain.link(AuditChain.GENESIS, new ChainedEvent("e-1", "buendnis:hamm", 1,
                registered.payloadType(), "1", registered.payload(), registered.metaData(), registered.timestamp())))
                .isNotEqualTo(link);
        assertThat(AuditChain.link(AuditChain.GENESIS, new ChainedEvent("e-1", "buendnis:hamm", 0,
                registered.payloadType(), "1", registered.payload(), Map.of("caller", "someone else"),
                registered.timestamp()))).isNotEqualTo(link);
    }

    @Test
    void tracingMetadataAndSubMillisecondDigitsAreNotPartOfTheChain() {
        ChainedEvent sameEvent = new ChainedEvent("e-1", "buendnis:hamm", 0, registered.payloadType(), "1",
                registered.payload(), Map.of("caller", "crm", "correlationId", "c-1"),
                Instant.parse("2024-05-02T08:00:00.123Z"));
        assertThat(AuditChain.link(AuditChain.GENESIS, sameEvent))
                .isEqualTo(AuditChain.link(AuditChain.GENESIS, registered));
    }

    @Test
    void aTimestampIsWrittenAsTheDocumentedPatternWritesItInEveryYear() {
        // the pattern the canonical forms name; the timestamps are written by hand for speed, and must not differ
        DateTimeFormatter documented = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        Random random = new Random(20261207);
        long first = Instant.parse("-1000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int n = 0; n < 20_000; n++) {
            Instant instant = Instant.ofEpochSecond(first + (long) (random.nextDouble() * (last - first)),
                    random.nextInt(1_000_000_000));
            assertThat(AuditChain.timestamp(instant)).isEqualTo(documented.format(instant.truncatedTo(ChronoUnit.MILLIS)));
        }
        for (String edge : new String[]{"0000-12-31T23:59:59.999999999Z", "0001-01-01T00:00:00Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2024-02-29T23:59:59.9995Z",
                "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(edge);
            assertThat(AuditChain.timestamp(instant)).isEqualTo(documented.format(instant.truncatedTo(ChronoUnit.MILLIS)));
        }
        assertThat(AuditChain.timestamp(Instant.parse("2024-05-02T08:00:00.123456Z"))).isEqualTo("2024-05-02T08:00:00.123Z");
        assertThat(AuditChain.timestamp(null)).isNull();
    }

    @Test
    void onlyTheChainsOwnAnchorsAreLeftOut() {
        assertThat(AuditChain.covers("de.lokalebuendnisse.kernel.seal.SealGranted")).isTrue();
        assertThat(AuditChain.covers(AuditChain.ANCHOR_TYPE)).isFalse();
    }

    @Test
    void theAnchorTypeTheChainLeavesOutIsTheSealEvent() {
        assertThat(AuditChainSealed.class.getName()).isEqualTo(AuditChain.ANCHOR_TYPE);
        assertThat(AuditChain.covers(AuditChainSealed.class.getName())).isFalse();
    }

    @Test
    void aHeadStepsOverEventsInPositionOrderAndPassesAnchorsBy() {
        ChainedEvent anchor = new ChainedEvent("a-1", "audit-ledger", 0, AuditChain.ANCHOR_TYPE, "1", "{}", Map.of(),
                Instant.parse("2024-06-01T00:00:00Z"));

        ChainHead first = ChainHead.START.next(1, registered);
        ChainHead afterAnchor = first.next(2, anchor);
        ChainHead second = afterAnchor.next(5, revoked);

        assertThat(first).isEqualTo(new ChainHead(1, "e-1", 1, FIRST_LINK));
        assertThat(afterAnchor).isSameAs(first);
        assertThat(second).isEqualTo(new ChainHead(5, "e-2", 2, SECOND_LINK));
        assertThat(ChainHead.START.head()).isEqualTo(AuditChain.GENESIS);
    }

    @Test
    void aHeadRefusesAnEventAtOrBelowItsLastPosition() {
        ChainHead first = ChainHead.START.next(3, registered);

        assertThatThrownBy(() -> first.next(3, revoked)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("position order");
    }
}
