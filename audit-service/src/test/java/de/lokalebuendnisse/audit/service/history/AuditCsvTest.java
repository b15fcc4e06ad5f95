package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV download as a German spreadsheet opens it: ';', BOM, RFC 4180 quoting, no formulas. */
class AuditCsvTest {

    /** As stored before tokens were required: a self-declared caller, no verified identity. */
    private static AuditEntry entry(long position, String caller, String reason) {
        return entry(position, caller, null, null, null, reason);
    }

    private static AuditEntry entry(long position, String caller, String subject, String client, String role,
                                    String reason) {
        return new AuditEntry("e-" + position, position, Instant.parse("2024-11-22T09:15:00Z"), "SealGranted", "1",
                "seal-award:2024/25", 3, "hamm", "2024/25", 2024, caller, subject, client, role, "c-1", "m-1", null,
                reason);
    }

    @Test
    void headerNamesTheColumnsInAFixedOrderSeparatedBySemicolonsWithCrlf() {
        assertThat(AuditCsv.header()).isEqualTo("position;timestamp;eventType;eventRevision;aggregateId;"
                + "sequenceNumber;buendnisId;period;campaignYear;caller;callerSubject;callerClient;callerRole;"
                + "correlationId;causationId;process;reason;eventId\r\n");
    }

    @Test
    void aRowHoldsEveryFieldAndLeavesAbsentOnesEmpty() {
        assertThat(AuditCsv.row(entry(13, "servicebuero:anna", "Siegel erteilt.")))
                .isEqualTo("13;2024-11-22T09:15:00Z;SealGranted;1;seal-award:2024/25;3;hamm;2024/25;2024;"
                        + "servicebuero:anna;;;;c-1;m-1;;Siegel erteilt.;e-13\r\n");
    }

    @Test
    void aRowOfAnEventCausedWithATokenNamesTheVerifiedIdentityAfterTheCaller() {
        assertThat(AuditCsv.row(entry(14, "Anna Schmidt", "9a1e-sub", "servicebuero-portal", "staff",
                "Siegel erteilt.")))
                .isEqualTo("14;2024-11-22T09:15:00Z;SealGranted;1;seal-award:2024/25;3;hamm;2024/25;2024;"
                        + "Anna Schmidt;9a1e-sub;servicebuero-portal;staff;c-1;m-1;;Siegel erteilt.;e-14\r\n");
    }

    @Test
    void theIdentityIsNeutralisedAndQuotedLikeEveryOtherCell() {
        assertThat(AuditCsv.row(entry(15, "Anna", "=cmd|' /C calc'!A0", "+portal", "staff;admin", "ok")))
                .contains(";Anna;'=cmd|' /C calc'!A0;'+portal;\"staff;admin\";c-1;");
    }

    @Test
    void decimalCommasNeedNoQuotesWithTheSemicolonSeparator() {
        assertThat(AuditCsv.cell("Aktivitätsgrad 3,33 erreicht die Schwelle 3,00")).isEqualTo(
                "Aktivitätsgrad 3,33 erreicht die Schwelle 3,00");
    }

    @Test
    void quotesCellsWithSeparatorQuoteOrLineBreakAndDoublesQuotes() {
        assertThat(AuditCsv.cell("a;b")).isEqualTo("\"a;b\"");
        assertThat(AuditCsv.cell("Stadt \"Hamm\"")).isEqualTo("\"Stadt \"\"Hamm\"\"\"");
        assertThat(AuditCsv.cell("Zeile 1\nZeile 2")).isEqualTo("\"Zeile 1\nZeile 2\"");
        assertThat(AuditCsv.cell("Zeile 1\r\nZeile 2")).isEqualTo("\"Zeile 1\r\nZeile 2\"");
        assertThat(AuditCsv.cell("Begründung: „aufgelöst“")).isEqualTo("Begründung: „aufgelöst“");
    }

    @Test
    void neutralisesCellsASpreadsheetWouldRunAsAFormula() {
        assertThat(AuditCsv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(AuditCsv.cell("+49 2381")).isEqualTo("'+49 2381");
        assertThat(AuditCsv.cell("-1+1")).isEqualTo("'-1+1");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(AuditCsv.cell("a=b")).isEqualTo("a=b");
        assertThat(AuditCsv.row(entry(1, "@crm", "ok"))).contains(";'@crm;");
    }

    @Test
    void theDownloadStartsWithABomAndKeepsUmlautsInUtf8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        AuditExport.csv(List.of(entry(1, "crm", "Bündnis „Hamm“ aufgelöst; Grüße")).iterator(), out);

        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("\uFEFF" + AuditCsv.header()
                + "1;2024-11-22T09:15:00Z;SealGranted;1;seal-award:2024/25;3;hamm;2024/25;2024;crm;;;;c-1;m-1;;"
                + "\"Bündnis „Hamm“ aufgelöst; Grüße\";e-1\r\n");
    }

    @Test
    void anEmptyYearIsTheHeaderAlone() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        AuditExport.csv(List.<AuditEntry>of().iterator(), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + AuditCsv.header());
    }
}
