package de.lokalebuendnisse.kernel.audit;

import java.util.List;

/**
 * A page of a year's audit history.
 *
 * @param total every entry of the year, over all pages
 */
public record AuditHistoryPage(int year, long total, int page, int size, List<AuditEntry> entries) {

    public AuditHistoryPage {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
