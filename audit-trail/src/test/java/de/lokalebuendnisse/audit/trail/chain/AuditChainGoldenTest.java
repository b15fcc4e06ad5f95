package de.lokalebuendnisse.audit.trail.chain;

import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links stored before the caller's verified identity was chained must never change: stores and anchors written
 * then are checked against them. The expected link was computed with the code of form v1 before form v2 existed,
 * and agrees with the documented text written out by hand:
 * <pre>
 * printf '%s\n' 'lbf-audit-chain-v1' 'previous:"93de…160e"' 'id:"0b6c7a1e-5f0d-4c1e-9a43-7d2b1c9e0f11"' \
 *   'aggregate:"seal-award:2024/25"' 'sequence:7' 'type:"de.lokalebuendnisse.kernel.seal.SealGranted"' \
 *   'revision:"1"' 'timestamp:"2024-11-22T10:15:30.456Z"' 'meta.caller:"servicebüro"' \
 *   'meta.correlationId:"corr-2024-11-22"' 'meta.causationId:null' 'meta.process:null' \
 *   'payload:"{\"buendnisId\":\"hamm\",\"period\":\"2024/25\",\"sealName\":\"Familienfreundliches Bündnis\"}"' | sha256sum
 * </pre>
 */
class AuditChainGoldenTest {

    /** An event as stored before tokens: only the self-declared caller and the tracing ids. */
    static final ChainedEvent STORED_BEFORE_TOKENS = new ChainedEvent("0b6c7a1e-5f0d-4c1e-9a43-7d2b1c9e0f11",
            "seal-award:2024/25", 7, "de.lokalebuendnisse.kernel.seal.SealGranted", "1",
            "{\"buendnisId\":\"hamm\",\"period\":\"2024/25\",\"sealName\":\"Familienfreundliches Bündnis\"}",
            Map.of("caller", "servicebüro", "correlationId", "corr-2024-11-22", "traceId", "not chained"),
            Instant.parse("2024-11-22T10:15:30.456789Z"));

    static final String PREVIOUS = "93de085ccef75265645ed5c9d0e9c4bd50761a52febc4d37660ba4a84cd1160e";

    static final String GOLDEN_V1_LINK = "8b8d911ba2d4ea3fff86557533d647da8b6305eb21c2de2ec155f368db115656";

    @Test
    void anEventWithoutIdentityKeepsTheLinkItWasStoredAndAnchoredWith() {
        assertThat(AuditChain.link(PREVIOUS, STORED_BEFORE_TOKENS)).isEqualTo(GOLDEN_V1_LINK);
    }
}
