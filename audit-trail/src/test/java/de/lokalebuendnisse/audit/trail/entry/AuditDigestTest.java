package de.lokalebuendnisse.audit.trail.entry;

import de.lokalebuendnisse.kernel.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class AuditDigestTest {

    private final AuditEntry granted = new AuditEntry("e-7", 7, Instant.parse("2024-11-22T10:00:00.123456Z"),
            "SealGranted", "1", "seal-award:2024/25", 3, "hamm", "2024/25", 2024, "servicebüro", "c-7", null,
            "award-intake-process", "Siegel \"erteilt\"\nweiter");

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
                caller:"servicebüro"
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
                "1", "buendnis:hamm", 0, "hamm", null, null, null, null, null, null, "pausiert");

        assertThat(new AuditDigest().canonical(2024, withoutCampaign)).contains("\ncampaignYear:null\n",
                "\nperiod:null\n");
    }

    @Test
    void theColumnsAreTheFieldsOfAnEntryEachOnceAndAnEntryIsBuiltBackFromThem() {
        assertThat(Arrays.stream(AuditColumn.values()).map(AuditColumn::key).toList()).containsExactly("position",
                "timestamp", "eventType", "eventRevision", "aggregateId", "sequenceNumber", "buendnisId", "period",
                "campaignYear", "caller", "correlationId", "causationId", "process", "reason", "eventId");
        assertThat(AuditEntry.class.getRecordComponents()).hasSize(AuditColumn.values().length);
        assertThat(AuditColumn.entry(column -> column.valueOf(granted))).isEqualTo(granted);
    }
}
