package de.lokalebuendnisse.audit.service.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.kernel.audit.AuditHistoryPage;
import de.lokalebuendnisse.kernel.audit.FindAuditHistoryQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Answers pages of a year's audit history in event-store order, from the index on (year, position). */
@Component
public class AuditHistoryQueryHandler {

    private final MongoCollection<Document> entries;

    public AuditHistoryQueryHandler(MongoDatabase queryDatabase) {
        this.entries = queryDatabase.getCollection(AuditDocuments.COLLECTION);
    }

    @QueryHandler
    public AuditHistoryPage handle(FindAuditHistoryQuery query) {
        Bson ofYear = Filters.eq(AuditDocuments.YEAR, query.year());
        long total = entries.countDocuments(ofYear);
        long offset = (long) query.page() * query.size();
        List<AuditEntry> page = new ArrayList<>(Math.min(query.size(), 100));
        if (offset < total) {
            // offset < total, and a count is far below Integer.MAX_VALUE entries a year
            for (Document document : entries.find(ofYear).sort(Sorts.ascending(AuditDocuments.POSITION))
                    .skip((int) offset).limit(query.size())) {
                page.add(AuditDocuments.toEntry(document));
            }
        }
        return new AuditHistoryPage(query.year(), total, query.page(), query.size(), page);
    }
}
