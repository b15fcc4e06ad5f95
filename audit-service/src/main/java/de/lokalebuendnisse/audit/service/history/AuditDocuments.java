package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.audit.AuditEntry;
import org.bson.Document;

import java.util.Date;

/**
 * The stored form of an audit entry in {@value #COLLECTION}: one document per event, keyed by the event's
 * identifier, with the calendar year it is listed under. Absent values are left out of the document.
 */
public final class AuditDocuments {

    public static final String COLLECTION = "audit_history";
    public static final String ID = "_id";
    public static final String YEAR = "year";
    public static final String POSITION = "position";

    private AuditDocuments() {
    }

    public static Document toDocument(int year, AuditEntry entry) {
        Document document = new Document(ID, entry.eventId())
                .append(YEAR, year)
                .append(POSITION, entry.position())
                // BSON dates hold milliseconds, as precise as the event store's timestamps
                .append("timestamp", Date.from(entry.timestamp()))
                .append("eventType", entry.eventType())
                .append("eventRevision", entry.eventRevision())
                .append("aggregateId", entry.aggregateId())
                .append("sequenceNumber", entry.sequenceNumber());
        putIfPresent(document, "buendnisId", entry.buendnisId());
        putIfPresent(document, "period", entry.period());
        putIfPresent(document, "campaignYear", entry.campaignYear());
        putIfPresent(document, "caller", entry.caller());
        putIfPresent(document, "correlationId", entry.correlationId());
        putIfPresent(document, "causationId", entry.causationId());
        putIfPresent(document, "process", entry.process());
        return document.append("reason", entry.reason());
    }

    public static AuditEntry toEntry(Document document) {
        return new AuditEntry(
                document.getString(ID),
                document.get(POSITION, Number.class).longValue(),
                document.getDate("timestamp").toInstant(),
                document.getString("eventType"),
                document.getString("eventRevision"),
                document.getString("aggregateId"),
                document.get("sequenceNumber", Number.class).longValue(),
                document.getString("buendnisId"),
                document.getString("period"),
                document.getInteger("campaignYear"),
                document.getString("caller"),
                document.getString("correlationId"),
                document.getString("causationId"),
                document.getString("process"),
                document.getString("reason"));
    }

    private static void putIfPresent(Document document, String key, Object value) {
        if (value != null) {
            document.append(key, value);
        }
    }
}
