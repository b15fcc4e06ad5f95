package de.lokalebuendnisse.audit.service.replay;

import de.lokalebuendnisse.audit.service.history.AuditDocuments;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison's temporary files of the rebuilt history: what is read back is what MongoDB would hand back. */
class RebuiltHistoryTest {

    private static AuditEntry entry(long position, String reason, Integer campaignYear) {
        return new AuditEntry("event-" + position, position,
                Instant.parse("2024-12-31T23:30:00.123456Z").plusSeconds(position * 60), "SealGranted", "2",
                "buendnis-" + position, position * 3, "buendnis-" + position, "2024/25", campaignYear, "Erika Muster",
                null, "staff-ui", "STAFF", "correlation-" + position, "causation-" + position, null, reason);
    }

    @Test
    void eachYearsEntriesComeBackInTheOrderWrittenAsTheirDocumentsHoldThem() {
        List<AuditEntry> year2024 = new ArrayList<>();
        List<AuditEntry> year2025 = new ArrayList<>();
        Path folder;
        try (RebuiltHistory history = new RebuiltHistory("20261205T070000-abcd")) {
            for (long position = 1; position <= 3000; position++) {
                // years interleave in position order, as events of two years do around the turn of the year
                int year = position % 3 == 0 ? 2025 : 2024;
                AuditEntry entry = entry(position, "Siegel verliehen, Ümlaut und \"Zitat\" " + "x".repeat((int) (position % 500)),
                        position % 2 == 0 ? null : 2024);
                history.add(year, AuditDocuments.toDocument(year, entry));
                (year == 2025 ? year2025 : year2024).add(AuditDocuments.toEntry(AuditDocuments.toDocument(year, entry)));
            }
            history.finish();
            folder = history.folder();

            try (Stream<AuditEntry> entries = history.entries(2024)) {
                assertThat(entries.toList()).isEqualTo(year2024);
            }
            try (Stream<AuditEntry> entries = history.entries(2025)) {
                assertThat(entries.toList()).isEqualTo(year2025);
            }
            try (Stream<AuditEntry> entries = history.entries(2023)) {
                assertThat(entries).isEmpty();
            }
            // the timestamp as a BSON date holds it: to the millisecond, as the live documents do
            try (Stream<AuditEntry> entries = history.entries(2024)) {
                assertThat(entries.findFirst().orElseThrow().timestamp()).isEqualTo(Instant.parse("2024-12-31T23:31:00.123Z"));
            }
        }
        assertThat(Files.exists(folder)).isFalse();
    }
}
