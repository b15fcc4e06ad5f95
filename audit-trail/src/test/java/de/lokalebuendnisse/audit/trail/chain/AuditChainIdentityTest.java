package de.lokalebuendnisse.audit.trail.chain;

import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static de.lokalebuendnisse.audit.trail.chain.AuditChainGoldenTest.GOLDEN_V1_LINK;
import static de.lokalebuendnisse.audit.trail.chain.AuditChainGoldenTest.PREVIOUS;
import static de.lokalebuendnisse.audit.trail.chain.AuditChainGoldenTest.STORED_BEFORE_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Form v2: the caller's verified identity is chained, and events without it keep their v1 links. */
class AuditChainIdentityTest {

    private static final Map<String, String> IDENTITY = Map.of("callerSubject", "f3b1c2d4-sub",
            "callerClient", "servicebuero-portal", "callerRole", "staff");

    /** The golden event as it would be stored with a token: the same, plus the identity. */
    private static ChainedEvent withMetadata(ChainedEvent event, Map<String, String> metaData) {
        return new ChainedEvent(event.eventId(), event.aggregateId(), event.sequenceNumber(), event.payloadType(),
                event.payloadRevision(), event.payload(), metaData, event.timestamp());
    }

    private static Map<String, String> plus(Map<String, String> metaData, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(metaData);
        all.putAll(more);
        return all;
    }

    private static Map<String, String> without(Map<String, String> metaData, String key) {
        Map<String, String> rest = new HashMap<>(metaData);
        rest.remove(key);
        return rest;
    }

    private static final ChainedEvent STORED_WITH_TOKEN = withMetadata(STORED_BEFORE_TOKENS,
            plus(STORED_BEFORE_TOKENS.metaData(), IDENTITY));

    @Test
    void anEventWithTheIdentityIsLinkedInTheV2TextWithTheIdentityLinesRightAfterTheCaller() {
        assertThat(AuditChain.formOf(STORED_WITH_TOKEN)).isEqualTo("lbf-audit-chain-v2");
        assertThat(AuditChain.canonical(PREVIOUS, STORED_WITH_TOKEN)).isEqualTo("""
                lbf-audit-chain-v2
                previous:"93de085ccef75265645ed5c9d0e9c4bd50761a52febc4d37660ba4a84cd1160e"
                id:"0b6c7a1e-5f0d-4c1e-9a43-7d2b1c9e0f11"
                aggregate:"seal-award:2024/25"
                sequence:7
                type:"de.lokalebuendnisse.kernel.seal.SealGranted"
                revision:"1"
                timestamp:"2024-11-22T10:15:30.456Z"
                meta.caller:"servicebüro"
                meta.callerSubject:"f3b1c2d4-sub"
                meta.callerClient:"servicebuero-portal"
                meta.callerRole:"staff"
                meta.correlationId:"corr-2024-11-22"
                meta.causationId:null
                meta.process:null
                payload:"{\\"buendnisId\\":\\"hamm\\",\\"period\\":\\"2024/25\\",\\"sealName\\":\\"Familienfreundliches Bündnis\\"}"
                """);
        assertThat(AuditChain.link(PREVIOUS, STORED_WITH_TOKEN)).isNotEqualTo(GOLDEN_V1_LINK).hasSize(64);
    }

    /** The expected link is the documented text written out by hand: printf '%s\n' … the lines above | sha256sum. */
    @Test
    void theV2LinkIsTheSha256OfTheDocumentedTextAsOtherToolsComputeIt() {
        assertThat(AuditChain.link(PREVIOUS, STORED_WITH_TOKEN))
                .isEqualTo("ffa354fdbd418b42071061b384b2aba270e273ffa9b4a7dd36d2adf88a9b8969");
    }

    @Test
    void anEventWithoutIdentityKeepsTheV1TextLineForLine() {
        assertThat(AuditChain.formOf(STORED_BEFORE_TOKENS)).isEqualTo("lbf-audit-chain-v1");
        assertThat(AuditChain.canonical(PREVIOUS, STORED_BEFORE_TOKENS)).startsWith("lbf-audit-chain-v1\n")
                .doesNotContain("callerSubject", "callerClient", "callerRole");
        assertThat(AuditChain.link(PREVIOUS, STORED_BEFORE_TOKENS)).isEqualTo(GOLDEN_V1_LINK);
    }

    @Test
    void removingOrChangingAnyPartOfTheIdentityChangesTheLink() {
        String link = AuditChain.link(PREVIOUS, STORED_WITH_TOKEN);
        for (String key : AuditChain.IDENTITY_KEYS) {
            assertThat(AuditChain.link(PREVIOUS, withMetadata(STORED_WITH_TOKEN,
                    without(STORED_WITH_TOKEN.metaData(), key)))).as("without %s", key).isNotEqualTo(link);
            assertThat(AuditChain.link(PREVIOUS, withMetadata(STORED_WITH_TOKEN,
                    plus(STORED_WITH_TOKEN.metaData(), Map.of(key, "admin"))))).as("other %s", key)
                    .isNotEqualTo(link);
        }
        Map<String, String> identityStripped = new HashMap<>(STORED_WITH_TOKEN.metaData());
        AuditChain.IDENTITY_KEYS.forEach(identityStripped::remove);
        ChainedEvent stripped = withMetadata(STORED_WITH_TOKEN, identityStripped);
        assertThat(AuditChain.formOf(stripped)).isEqualTo("lbf-audit-chain-v1");
        assertThat(AuditChain.link(PREVIOUS, stripped)).isNotEqualTo(link);
    }

    @Test
    void aRoleOrClientPlantedOnAnOldEventWithoutSubjectIsChainedToo() {
        ChainedEvent planted = withMetadata(STORED_BEFORE_TOKENS,
                plus(STORED_BEFORE_TOKENS.metaData(), Map.of("callerRole", "admin")));

        assertThat(AuditChain.formOf(planted)).isEqualTo("lbf-audit-chain-v2");
        assertThat(AuditChain.canonical(PREVIOUS, planted)).contains("\nmeta.callerSubject:null\n",
                "\nmeta.callerRole:\"admin\"\n");
        assertThat(AuditChain.link(PREVIOUS, planted)).isNotEqualTo(GOLDEN_V1_LINK);
    }

    @Test
    void eachFormListsItsMetadataInTheDocumentedOrder() {
        assertThat(AuditChain.FORM).isEqualTo("lbf-audit-chain-v2");
        assertThat(AuditChain.FORMS).containsExactly("lbf-audit-chain-v1", "lbf-audit-chain-v2");
        assertThat(AuditChain.metadataKeys("lbf-audit-chain-v1")).containsExactly("caller", "correlationId",
                "causationId", "process");
        assertThat(AuditChain.metadataKeys("lbf-audit-chain-v2")).containsExactly("caller", "callerSubject",
                "callerClient", "callerRole", "correlationId", "causationId", "process");
        assertThat(AuditChain.METADATA_KEYS).containsAll(AuditChain.METADATA_KEYS_V1)
                .containsAll(AuditChain.IDENTITY_KEYS);
        assertThatThrownBy(() -> AuditChain.metadataKeys("lbf-audit-chain-v3"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMixedChainStepsFromV1EventsToV2EventsAndItsV1PartKeepsItsHead() {
        ChainedEvent first = withMetadata(STORED_BEFORE_TOKENS, Map.of("caller", "crm"));
        ChainedEvent second = new ChainedEvent("e-2", "buendnis:hamm", 1, "de.lokalebuendnisse.kernel.buendnis"
                + ".BuendnisPaused", "1", "{}", Map.of("caller", "servicebüro"), STORED_BEFORE_TOKENS.timestamp());
        ChainedEvent third = new ChainedEvent("e-3", "buendnis:hamm", 2, "de.lokalebuendnisse.kernel.buendnis"
                + ".BuendnisResumed", "1", "{}", plus(Map.of("caller", "Erika Muster"), IDENTITY),
                STORED_BEFORE_TOKENS.timestamp());

        ChainHead v1Part = ChainHead.START.next(1, first).next(2, second);
        ChainHead whole = v1Part.next(3, third);

        // the v1 part's head is what a v1 seal recorded before: every link a v1 text, as the v1 code computed it
        String v1Head = V1Text.link(V1Text.link(AuditChain.GENESIS, first), second);
        assertThat(v1Part.head()).isEqualTo(v1Head);
        assertThat(whole.head()).isEqualTo(AuditChain.link(v1Head, third));
        assertThat(List.of(AuditChain.formOf(first), AuditChain.formOf(second), AuditChain.formOf(third)))
                .containsExactly("lbf-audit-chain-v1", "lbf-audit-chain-v1", "lbf-audit-chain-v2");
    }

    /** The v1 text as the code before form v2 built it, kept here to show v1 links are unchanged. */
    private static final class V1Text {

        static String link(String previous, ChainedEvent event) {
            StringBuilder text = new StringBuilder("lbf-audit-chain-v1\n");
            text.append("previous:").append(quoted(previous)).append('\n');
            text.append("id:").append(quoted(event.eventId())).append('\n');
            text.append("aggregate:").append(quoted(event.aggregateId())).append('\n');
            text.append("sequence:").append(event.sequenceNumber()).append('\n');
            text.append("type:").append(quoted(event.payloadType())).append('\n');
            text.append("revision:").append(quoted(event.payloadRevision())).append('\n');
            text.append("timestamp:").append(quoted(AuditChain.timestamp(event.timestamp()))).append('\n');
            for (String key : List.of("caller", "correlationId", "causationId", "process")) {
                text.append("meta.").append(key).append(':').append(quoted(event.metaData().get(key))).append('\n');
            }
            text.append("payload:").append(quoted(event.payload())).append('\n');
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String quoted(String value) {
            return de.lokalebuendnisse.kernel.common.JsonText.quoted(value);
        }
    }
}
