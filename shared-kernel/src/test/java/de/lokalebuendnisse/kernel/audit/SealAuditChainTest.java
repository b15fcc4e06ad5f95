package de.lokalebuendnisse.kernel.audit;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealAuditChainTest {

    private static final String HEAD = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void aValidSealNamesItsScopeAndRecordsExactlyWhatItCarries() {
        SealAuditChain command = new SealAuditChain(AuditChainScope.PERIOD, "2024/25", SealAuditChain.FORM, 4711,
                "e-4711", 4698, HEAD);

        assertThat(command.ledgerId()).isEqualTo("audit-ledger");
        assertThat(command.sealed()).isEqualTo(new AuditChainSealed(AuditChainScope.PERIOD, "2024/25",
                SealAuditChain.FORM, 4711, "e-4711", 4698, HEAD));
        assertThat(new SealAuditChain(AuditChainScope.YEAR, "2024", SealAuditChain.FORM, 0, "e-0", 1, HEAD).label())
                .isEqualTo("2024");
    }

    @Test
    void newSealsRecordFormV2AndSealsOfFormV1AreStillAccepted() {
        assertThat(SealAuditChain.FORM).isEqualTo("lbf-audit-chain-v2");
        assertThat(SealAuditChain.FORMS).containsExactly("lbf-audit-chain-v1", "lbf-audit-chain-v2");
        assertThat(new SealAuditChain(AuditChainScope.YEAR, "2023", "lbf-audit-chain-v1", 1, "e-1", 1, HEAD)
                .sealed().form()).isEqualTo("lbf-audit-chain-v1");
        assertThat(new SealAuditChain(AuditChainScope.YEAR, "2024", "lbf-audit-chain-v2", 1, "e-1", 1, HEAD)
                .sealed().form()).isEqualTo("lbf-audit-chain-v2");
    }

    @Test
    void theLabelMustNameAThingOfItsScope() {
        assertRefused(() -> seal(AuditChainScope.PERIOD, "2024"), "label", "period-label");
        assertRefused(() -> seal(AuditChainScope.PERIOD, "2024/26"), "label", "consecutive-years");
        assertRefused(() -> seal(AuditChainScope.YEAR, "2024/25"), "label", "year-label");
        assertRefused(() -> seal(AuditChainScope.YEAR, "1999"), "label", "not-before-2004");
        assertRefused(() -> seal(AuditChainScope.YEAR, null), "label", "required");
        assertRefused(() -> seal(null, "2024"), "scope", "required");
    }

    @Test
    void theSealedDataMustBeACompleteHeadOfTheKnownForm() {
        assertRefused(() -> new SealAuditChain(AuditChainScope.YEAR, "2024", "lbf-audit-chain-v3", 1, "e", 1, HEAD),
                "form", "form-known");
        assertRefused(() -> new SealAuditChain(AuditChainScope.YEAR, "2024", "LBF-AUDIT-CHAIN-V2", 1, "e", 1, HEAD),
                "form", "form-known");
        assertRefused(() -> new SealAuditChain(AuditChainScope.YEAR, "2024", null, 1, "e", 1, HEAD),
                "form", "required");
        assertRefused(() -> new SealAuditChain(AuditChainScope.YEAR, "2024", SealAuditChain.FORM, -1, "e", 1, HEAD),
                "lastPosition", "not-negative");
        assertRefused(() -> new SealAuditChain(AuditChainScope.YEAR, "2024", SealAuditChain.FORM, 1, " ", 1, HEAD),
                "lastEventId", "not-blank");
        assertRefused(() -> new SealAuditChain(AuditChainScope.YEAR, "2024", SealAuditChain.FORM, 1, "e", 0, HEAD),
                "chainedEvents", "positive");
        assertRefused(() -> new SealAuditChain(AuditChainScope.YEAR, "2024", SealAuditChain.FORM, 1, "e", 1,
                HEAD.toUpperCase()), "head", "sha256-hex");
        assertRefused(() -> new SealAuditChain(AuditChainScope.YEAR, "2024", SealAuditChain.FORM, 1, "e", 1,
                HEAD.substring(1)), "head", "sha256-hex");
    }

    private static SealAuditChain seal(AuditChainScope scope, String label) {
        return new SealAuditChain(scope, label, SealAuditChain.FORM, 1, "e-1", 1, HEAD);
    }

    private static void assertRefused(Runnable construction, String field, String rule) {
        assertThatThrownBy(construction::run)
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.rule()).isEqualTo(rule);
                });
    }
}
