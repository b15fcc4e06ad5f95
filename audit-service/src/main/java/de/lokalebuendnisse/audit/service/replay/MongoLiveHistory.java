package de.lokalebuendnisse.audit.service.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.audit.service.history.AuditDocuments;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The live audit history read straight from its database ({@code audit_history}), by position on its unique index.
 * <p>
 * Positions are read in chunks ({@code position $in [from … to]}), each answered by the index and holding at most a
 * chunk's entries in memory, on real MongoDB as on the embedded stand-in. A year's entries in one query sorted by
 * position made the stand-in (which has no secondary indexes) collect and sort the whole year in the heap: at about
 * 50,000 entries of one year the auditors' service ran out of its 160 MB heap in the middle of a replay. A first pass
 * over the positions up to the head notes which years each chunk holds; a year's entries then come from its chunks
 * only.
 */
public final class MongoLiveHistory implements LiveHistory {

    /**
     * Positions per query. The stand-in checks each document found against the whole {@code $in} list, work that grows
     * with the square of the chunk (as for the chain's records, {@code ChainRecords}).
     */
    static final int CHUNK = 250;

    private final MongoDatabase database;
    private final MongoCollection<Document> entries;
    private final LongFunction<String> awaitCovering;
    private final int chunk;
    /** Per chunk ({@code position / chunk}) the years its entries are listed under, as surveyed up to {@link #surveyed}. */
    private final Map<Long, SortedSet<Integer>> yearsByChunk = new TreeMap<>();
    private long surveyed = -1;

    /**
     * @param awaitCovering waits until the live projection has reached a position; returns a note when it did not
     */
    public MongoLiveHistory(MongoDatabase database, LongFunction<String> awaitCovering) {
        this(database, awaitCovering, CHUNK);
    }

    MongoLiveHistory(MongoDatabase database, LongFunction<String> awaitCovering, int chunk) {
        this.database = database;
        this.entries = database.getCollection(AuditDocuments.COLLECTION);
        this.awaitCovering = awaitCovering;
        this.chunk = chunk;
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
    public SortedSet<Integer> years(long head) {
        survey(head);
        SortedSet<Integer> years = new TreeSet<>();
        yearsByChunk.values().forEach(years::addAll);
        return years;
    }

    @Override
    public Stream<AuditEntry> entries(int year, long head) {
        survey(head);
        List<Long> chunks = yearsByChunk.entrySet().stream().filter(e -> e.getValue().contains(year))
                .map(Map.Entry::getKey).toList();
        return chunks.stream().flatMap(number -> entriesOf(number, year, head).stream());
    }

    /**
     * By the unique index on position, on real MongoDB as on the stand-in. The count up to the head is the
     * {@code count} command with that filter: MongoDB answers it from the index, exactly (only a count without a
     * filter comes from the collection's metadata); the stand-in reads every entry once and keeps nothing but the
     * count. {@code countDocuments} would be an aggregation, for which the stand-in gathers every whole document
     * first.
     */
    @Override
    public Optional<ByPosition> byPosition() {
        return Optional.of(new ByPosition() {
            @Override
            public List<Listed> at(Collection<Long> positions) {
                List<Listed> found = new ArrayList<>(positions.size());
                for (Document entry : entries.find(Filters.in(AuditDocuments.POSITION, positions))
                        .batchSize(Math.max(1, positions.size()))) {
                    found.add(new Listed(entry.getInteger(AuditDocuments.YEAR), AuditDocuments.toEntry(entry)));
                }
                return found;
            }

            @Override
            public long countUpTo(long head) {
                Document counted = database.runCommand(new Document("count", AuditDocuments.COLLECTION)
                        .append("query", new Document(AuditDocuments.POSITION, new Document("$lte", head))));
                return counted.get("n", Number.class).longValue();
            }
        });
    }

    /** Notes the years of each chunk of positions up to {@code head} (only the year of each entry is sent). */
    private void survey(long head) {
        if (surveyed == head) {
            return;
        }
        yearsByChunk.clear();
        for (long number = 0; number * chunk <= head; number++) {
            for (Document entry : entries.find(positionsOf(number, head))
                    .projection(Projections.include(AuditDocuments.YEAR)).batchSize(chunk)) {
                yearsByChunk.computeIfAbsent(number, n -> new TreeSet<>()).add(entry.getInteger(AuditDocuments.YEAR));
            }
        }
        surveyed = head;
    }

    /** The entries of one chunk listed under {@code year}, in position order. */
    private List<AuditEntry> entriesOf(long number, int year, long head) {
        List<AuditEntry> found = new ArrayList<>();
        for (Document entry : entries.find(positionsOf(number, head)).batchSize(chunk)) {
            if (Integer.valueOf(year).equals(entry.getInteger(AuditDocuments.YEAR))) {
                found.add(AuditDocuments.toEntry(entry));
            }
        }
        found.sort(Comparator.comparingLong(AuditEntry::position));
        return found;
    }

    /** {@code position $in} the chunk's positions, none above {@code head}. */
    private Bson positionsOf(long number, long head) {
        long from = number * chunk;
        long to = Math.min(head, from + chunk - 1);
        return Filters.in(AuditDocuments.POSITION, LongStream.rangeClosed(from, to).boxed().toList());
    }
}
