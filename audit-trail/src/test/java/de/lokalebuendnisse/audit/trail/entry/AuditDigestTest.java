package de.lokalebuendnisse.audit.trail.entry;

import de.lokalebuendnisse.kernel.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditDigestTest {

    private final AuditEntry granted = new AuditEntry("e-7", 7, Instant.parse("2024-11-22T10:00:00.123456Z"),
            "SealGranted", "1", "seal-award:2024/25", 3, "hamm", "2024/25", 2024, "Erika Müster", "f3b1c2d4-sub",
            "servicebuero-portal", "staff", "c-7", null, "award-intake-process", "Siegel \"erteilt\"\nweiter");

    @Test
    void anEntrysPartIsTheDocumentedOneFieldPerLineFormInColumnOrder() {
        assertThat(new AuditDigest().canonical(2024, granted)).isEqualTo("""
                year:2024
                position:7
                timestamp:"2024-11-22T10:00:00.123Z"
                eventType:"SealGranted"
                eventRevision:"1"
                aggregateId:"seal-award:2024/25"
                sequenceNumber:3
                buendnisId:"hamm"
                period:"2024/25"
                campaignYear:2024
                caller:"Erika Müster"
                callerSubject:"f3b1c2d4-sub"
                callerClient:"servicebuero-portal"
                callerRole:"staff"
                correlationId:"c-7"
                causationId:null
                process:"award-intake-process"
                reason:"Siegel \\"erteilt\\"\\u000aweiter"
                eventId:"e-7"

                """);
    }

    @Test
    void anAbsentNumberIsNullToo() {
        AuditEntry withoutCampaign = new AuditEntry("e-1", 1, Instant.parse("2024-01-01T00:00:00Z"), "BuendnisPaused",
                "1", "buendnis:hamm", 0, "hamm", null, null, null, null, null, null, null, null, null, "pausiert");

        assertThat(new AuditDigest().canonical(2024, withoutCampaign)).contains("\ncampaignYear:null\n",
                "\nperiod:null\n");
    }

    /** An event stored before tokens were required: its self-declared caller, and null for the identity. */
    @Test
    void anEntryWithoutVerifiedIdentityHasNullIdentityLines() {
        AuditEntry selfDeclared = new AuditEntry("e-1", 1, Instant.parse("2023-01-01T00:00:00Z"), "BuendnisPaused",
                "1", "buendnis:hamm", 0, "hamm", null, null, "crm", null, null, null, "c-1", null, null, "pausiert");

        assertThat(new AuditDigest().canonical(2023, selfDeclared)).contains(
                "\ncaller:\"crm\"\ncallerSubject:null\ncallerClient:null\ncallerRole:null\ncorrelationId:\"c-1\"\n");
    }

    /**
     * The digest of one entry written out by hand in the documented form, computed with other tools:
     * {@code printf '%s\n' lbf-audit-history-v2 year:2024 … '' entries:1 | sha256sum}.
     */
    @Test
    void theDigestIsTheSha256OfTheDocumentedV2Text() {
        assertThat(AuditDigest.FORM).isEqualTo("lbf-audit-history-v2");
        assertThat(new AuditDigest().add(2024, granted).value()).isEqualTo("43be699efd4f74aa7b660a1bb28310a3ac156268360c4311edfb0fbf153ff601");
    }

    @Test
    void anEntryAddedToADigestAndItsPartGivesBothTheDigestsOfSeparateAdds() {
        AuditEntry paused = new AuditEntry("e-8", 8, Instant.parse("2025-01-01T00:00:00Z"), "BuendnisPaused", "1",
                "buendnis:hamm", 4, "hamm", null, null, "crm", null, null, null, "c-8", "c-7", null,
                "Koordination \"unbesetzt\"");
        AuditDigest whole = new AuditDigest();
        AuditDigest year2024 = new AuditDigest();
        AuditDigest year2025 = new AuditDigest();
        whole.add(2024, granted, year2024).add(2025, paused, year2025);

        assertThat(whole.entries()).isEqualTo(2);
        assertThat(whole.value()).isEqualTo(new AuditDigest().add(2024, granted).add(2025, paused).value());
        assertThat(year2024.value()).isEqualTo(new AuditDigest().add(2024, granted).value());
        assertThat(year2025.value()).isEqualTo(new AuditDigest().add(2025, paused).value());
    }

    @Test
    void anEntryIsNotAddedToItsOwnDigestTwiceNorToADigestAlreadyTaken() {
        AuditDigest digest = new AuditDigest();
        assertThatThrownBy(() -> digest.add(2024, granted, digest)).isInstanceOf(IllegalArgumentException.class);

        AuditDigest taken = new AuditDigest();
        taken.value();
        assertThatThrownBy(() -> digest.add(2024, granted, taken)).isInstanceOf(IllegalStateException.class);
        // nothing was added to the first either
        assertThat(digest.entries()).isZero();
        assertThat(digest.value()).isEqualTo(new AuditDigest().value());
    }

    @Test
    void theColumnsAreTheFieldsOfAnEntryEachOnceAndAnEntryIsBuiltBackFromThem() {
        assertThat(Arrays.stream(AuditColumn.values()).map(AuditColumn::key).toList()).containsExactly("position",
                "timestamp", "eventType", "eventRevision", "aggregateId", "sequenceNumber", "buendnisId", "period",
                "campaignYear", "caller", "callerSubject", "callerClient", "callerRole", "correlationId",
                "causationId", "process", "reason", "eventId");
        assertThat(AuditEntry.class.getRecordComponents()).hasSize(AuditColumn.values().length);
        assertThat(AuditColumn.entry(column -> column.valueOf(granted))).isEqualTo(granted);
    }
}
