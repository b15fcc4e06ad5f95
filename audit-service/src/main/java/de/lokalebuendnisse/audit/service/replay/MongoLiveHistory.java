package de.lokalebuendnisse.audit.service.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.audit.service.history.AuditDocuments;
import org.bson.Document;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The live audit history read straight from its database ({@code audit_history}), year by year on its index. */
public final class MongoLiveHistory implements LiveHistory {

    private final MongoDatabase database;
    private final MongoCollection<Document> entries;
    private final LongFunction<String> awaitCovering;

    /**
     * @param awaitCovering waits until the live projection has reached a position; returns a note when it did not
     */
    public MongoLiveHistory(MongoDatabase database, LongFunction<String> awaitCovering) {
        this.database = database;
        this.entries = database.getCollection(AuditDocuments.COLLECTION);
        this.awaitCovering = awaitCovering;
    }

    @Override
    public String source() {
        return "live database " + database.getName();
    }

    @Override
    public String awaitCovering(long head) {
        return awaitCovering.apply(head);
    }

    @Override
    public SortedSet<Integer> years() {
        SortedSet<Integer> years = new TreeSet<>();
        entries.distinct(AuditDocuments.YEAR, Integer.class).forEach(years::add);
        return years;
    }

    @Override
    public Stream<AuditEntry> entries(int year, long head) {
        return documents(entries, Filters.and(Filters.eq(AuditDocuments.YEAR, year),
                Filters.lte(AuditDocuments.POSITION, head)));
    }

    /** A year's documents of any audit history collection, in position order, lazily. */
    static Stream<AuditEntry> documents(MongoCollection<Document> collection, org.bson.conversions.Bson filter) {
        MongoCursor<Document> cursor = collection.find(filter).sort(Sorts.ascending(AuditDocuments.POSITION))
                .batchSize(1000).iterator();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED), false)
                .map(AuditDocuments::toEntry).onClose(cursor::close);
    }
}
