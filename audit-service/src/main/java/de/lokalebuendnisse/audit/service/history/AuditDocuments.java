package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.audit.trail.entry.AuditColumn;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * The stored form of an audit entry in {@value #COLLECTION}: one document per event, keyed by the event's
 * identifier, with the calendar year it is listed under, then the columns of {@link AuditColumn} under their keys.
 * Absent values of optional columns are left out of the document.
 */
public final class AuditDocuments {

    public static final String COLLECTION = "audit_history";
    public static final String ID = "_id";
    public static final String YEAR = "year";
    public static final String POSITION = "position";
    /** The unique index on {@link #POSITION}. */
    public static final String POSITION_INDEX = "position_unique";

    private AuditDocuments() {
    }

    public static Document toDocument(int year, AuditEntry entry) {
        Document document = new Document(ID, entry.eventId()).append(YEAR, year);
        for (AuditColumn column : AuditColumn.values()) {
            if (column == AuditColumn.EVENT_ID) {
                continue; // the document's identifier
            }
            Object value = column.valueOf(entry);
            if (value instanceof Instant instant) {
                // BSON dates hold milliseconds, as precise as the event store's timestamps
                value = Date.from(instant);
            }
            if (value != null || !column.optional()) {
                document.append(column.key(), value);
            }
        }
        return document;
    }

    public static AuditEntry toEntry(Document document) {
        return AuditColumn.entry(column -> {
            String key = column == AuditColumn.EVENT_ID ? ID : column.key();
            if (column.type() == Instant.class) {
                Date date = document.getDate(key);
                return date == null ? null : date.toInstant();
            }
            return column.type() == Long.class ? document.get(key, Number.class) : document.get(key);
        });
    }
}
