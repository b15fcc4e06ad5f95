package de.lokalebuendnisse.kernel.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void aLinkIsTheSha256OfTheCanonicalTextSoOtherToolsCanRecomputeIt() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(AuditChain.canonical(AuditChain.GENESIS, registered).getBytes(StandardCharsets.UTF_8)));
        assertThat(AuditChain.link(AuditChain.GENESIS, registered)).isEqualTo(expected).hasSize(64);
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
    void onlyTheChainsOwnAnchorsAreLeftOut() {
        assertThat(AuditChain.covers("de.lokalebuendnisse.kernel.seal.SealGranted")).isTrue();
        assertThat(AuditChain.covers(AuditChain.ANCHOR_TYPE)).isFalse();
    }
}
