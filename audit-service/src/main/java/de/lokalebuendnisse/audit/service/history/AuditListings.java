package de.lokalebuendnisse.audit.service.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.platform.mongo.ChunkedDeletes;
import de.lokalebuendnisse.platform.projection.BatchedCollection;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

/**
 * Which positions each listing of the audit history holds (a calendar year, an award period), kept beside the entries
 * in {@value #COLLECTION}, so that a page or a download reads only the entries it shows, by position.
 * <p>
 * Why: a year asked for in one query sorted by position (and counted) made the embedded stand-in, which answers from
 * no index but a unique one, collect and sort the whole year in the heap. At about 55,000 entries of one year the
 * first page of that year ran the auditors' service out of its 160 MB heap and left it {@code DOWN}. With the
 * listings every query is bounded: a listing's document names its chunks (positions {@code c * 1000} to
 * {@code c * 1000 + 999}), a chunk's document names the listing's positions in that chunk, and the entries are read
 * by {@code position $in} from the unique index {@code position_unique}. Real MongoDB answers the same queries from
 * {@code _id} and that index.
 * <p>
 * Every write sets a field named by a position or a chunk number to {@code true}: idempotent under redelivery, and
 * safe when the processor's segments write one document at the same time (no count is kept; counts are the number of
 * fields). The entries are written before their listings within a batch, so a listed position whose entry is not
 * there yet is a batch still being written; it is left out of what is read.
 */
@Component
public final class AuditListings {

    public static final String COLLECTION = "audit_history_listings";
    /** Positions per chunk: {@code position / CHUNK} is the chunk's number. */
    static final int CHUNK = 1000;
    /** Chunk documents read per query (each at most about 12 KB). */
    static final int CHUNKS_PER_QUERY = 50;
    /**
     * Entries asked for per query ({@code position $in}). The stand-in checks each document found against the whole
     * {@code $in} list, work that grows with the square of the list (as for the chain's records, {@code ChainRecords}).
     */
    static final int POSITIONS_PER_QUERY = 250;
    static final String LISTING = "listing";
    static final String CHUNKS = "chunks";
    static final String POSITIONS = "positions";
    /** Marks listings that cover every entry: derived from the entries once, or kept since the collection began. */
    static final String DERIVED = "derived";

    private static final Logger LOG = LoggerFactory.getLogger(AuditListings.class);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<BsonDocument> listings;
    private final MongoCollection<Document> entries;

    public AuditListings(MongoDatabase database) {
        this.listings = database.getCollection(COLLECTION, BsonDocument.class);
        this.entries = database.getCollection(AuditDocuments.COLLECTION);
    }

    /** The listing of a calendar year (Europe/Berlin). */
    public static String ofYear(int year) {
        return "year " + year;
    }

    /** The listing of an award period, by its label ({@code 2024/25}). */
    public static String ofPeriod(String period) {
        return "period " + period;
    }

    private static String chunkId(String listing, long chunk) {
        return listing + "#" + chunk;
    }

    // --- writing -------------------------------------------------------------------------------------------------

    /** Lists {@code position} under {@code listing}, through the projection's batch (after the entry itself). */
    static void list(BatchedCollection listings, String listing, long position) {
        long chunk = position / CHUNK;
        listings.upsert(listing, listsChunk(chunk));
        listings.upsert(chunkId(listing, chunk), listsPositions(listing, List.of(position)));
    }

    /** The listing's document names the chunk. */
    private static Bson listsChunk(long chunk) {
        return Updates.set(CHUNKS + "." + chunk, true);
    }

    /** The chunk's document names the positions (of one chunk) under the listing. */
    private static Bson listsPositions(String listing, List<Long> positions) {
        List<Bson> sets = new ArrayList<>(positions.size() + 1);
        sets.add(Updates.set(LISTING, listing));
        positions.forEach(position -> sets.add(Updates.set(POSITIONS + "." + position, true)));
        return Updates.combine(sets);
    }

    /** Empties the listings (after the entries, for a replay); they then cover the (empty) history. */
    static void clear(MongoCollection<?> listings) {
        ChunkedDeletes.deleteAll(listings);
        markDerived(listings);
    }

    /**
     * Derives the listings from the entries when they were written before listings existed (or the marker is missing
     * for another reason): a walk over the positions up to the event store's head, a chunk of {@value #CHUNK} at a
     * time ({@value #POSITIONS_PER_QUERY} per query), before the projection's processor starts. Writing is idempotent, so a stop in the middle is mended at the next start.
     * The head is only asked for when there are entries to derive from (with Axon Server, the first start after the
     * upgrade needs it reachable).
     */
    static void deriveIfMissing(MongoCollection<?> entryCollection, MongoCollection<?> listingCollection,
                                LongSupplier headPosition) {
        MongoCollection<Document> listed = listingCollection.withDocumentClass(Document.class);
        if (listed.find(Filters.eq("_id", DERIVED)).first() != null) {
            return;
        }
        long stored = entryCollection.estimatedDocumentCount();
        if (stored > 0) {
            long head = headPosition.getAsLong();
            LOG.info("Deriving the audit history's listings from its {} entries (positions 0 to {})", stored, head);
            MongoCollection<Document> from = entryCollection.withDocumentClass(Document.class);
            long seen = 0;
            long lastReport = System.nanoTime();
            for (long chunk = 0; chunk * CHUNK <= head; chunk++) {
                Map<String, List<Long>> byListing = new TreeMap<>();
                for (Document entry : inParts(positionsOf(chunk, head), part -> from.find(
                        Filters.in(AuditDocuments.POSITION, part)).projection(Projections.include(
                        AuditDocuments.POSITION, AuditDocuments.YEAR, "period")).batchSize(part.size()))) {
                    long position = entry.get(AuditDocuments.POSITION, Number.class).longValue();
                    byListing.computeIfAbsent(ofYear(entry.getInteger(AuditDocuments.YEAR)), l -> new ArrayList<>())
                            .add(position);
                    String period = entry.getString("period");
                    if (period != null) {
                        byListing.computeIfAbsent(ofPeriod(period), l -> new ArrayList<>()).add(position);
                    }
                    seen++;
                }
                List<WriteModel<Document>> writes = new ArrayList<>();
                for (Map.Entry<String, List<Long>> listing : byListing.entrySet()) {
                    writes.add(new UpdateOneModel<>(Filters.eq("_id", listing.getKey()), listsChunk(chunk), UPSERT));
                    writes.add(new UpdateOneModel<>(Filters.eq("_id", chunkId(listing.getKey(), chunk)),
                            listsPositions(listing.getKey(), listing.getValue()), UPSERT));
                }
                if (!writes.isEmpty()) {
                    listed.bulkWrite(writes);
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    LOG.info("Deriving the audit history's listings: {} of {} entries, position {} of {}", seen,
                            stored, Math.min(head, chunk * CHUNK + CHUNK - 1), head);
                    lastReport = System.nanoTime();
                }
            }
            LOG.info("Derived the audit history's listings of {} entries", seen);
        }
        markDerived(listingCollection);
    }

    private static void markDerived(MongoCollection<?> listings) {
        listings.withDocumentClass(Document.class).updateOne(Filters.eq("_id", DERIVED),
                Updates.set(DERIVED, true), UPSERT);
    }

    /** {@code position $in} the chunk's positions, none above {@code head}. */
    private static List<Long> positionsOf(long chunk, long head) {
        long from = chunk * CHUNK;
        return LongStream.rangeClosed(from, Math.min(head, from + CHUNK - 1)).boxed().toList();
    }

    /** The documents {@code query} finds for each part of {@value #POSITIONS_PER_QUERY} positions, one after another. */
    private static Iterable<Document> inParts(List<Long> positions, Function<List<Long>, Iterable<Document>> query) {
        List<Iterable<Document>> parts = new ArrayList<>();
        for (int from = 0; from < positions.size(); from += POSITIONS_PER_QUERY) {
            List<Long> part = positions.subList(from, Math.min(positions.size(), from + POSITIONS_PER_QUERY));
            parts.add(query.apply(part));
        }
        return () -> parts.stream().flatMap(part -> StreamSupport.stream(part.spliterator(), false))
                .iterator();
    }

    // --- reading -------------------------------------------------------------------------------------------------

    /** A part of a listing: how many entries it lists in all, and the entries asked for, in position order. */
    public record Slice(long total, List<AuditEntry> entries) {
    }

    /** An entry as listed, with the year it is listed under. */
    public record Listed(int year, AuditEntry entry) {
    }

    /** Whether anything is listed under {@code listing}. */
    public boolean hasEntries(String listing) {
        return !chunks(listing).isEmpty();
    }

    /**
     * The listing's entries from the {@code offset}-th (zero-based, in position order) on, at most {@code size}, and
     * the listing's total. Reads every chunk document of the listing (a few bytes per entry) and only the entries
     * shown.
     */
    public Slice slice(String listing, long offset, int size) {
        long total = 0;
        List<Long> shown = new ArrayList<>(Math.min(size, CHUNK));
        for (long[] positions : positions(listing, Long.MAX_VALUE)) {
            int from = (int) Math.max(0, Math.min(positions.length, offset - total));
            for (int i = from; i < positions.length && shown.size() < size; i++) {
                shown.add(positions[i]);
            }
            total += positions.length;
        }
        return new Slice(total, entriesAt(shown).stream().map(Listed::entry).toList());
    }

    /**
     * Every entry of the listing up to {@code lastPosition} in position order, read chunk by chunk: at most one
     * chunk's entries are held at a time. A position listed while the iteration is past its chunk is not shown (an
     * event the store filled in late belongs to the next read, as any event after the read started).
     */
    public Iterator<Listed> listed(String listing, long lastPosition) {
        Iterator<long[]> chunks = positions(listing, lastPosition).iterator();
        return new Iterator<>() {
            private final Deque<Listed> buffered = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (buffered.isEmpty() && chunks.hasNext()) {
                    long[] positions = chunks.next();
                    buffered.addAll(entriesAt(Arrays.stream(positions).boxed().toList()));
                }
                return !buffered.isEmpty();
            }

            @Override
            public Listed next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffered.removeFirst();
            }
        };
    }

    /** {@link #listed} without the years. */
    public Iterator<AuditEntry> entries(String listing, long lastPosition) {
        Iterator<Listed> listed = listed(listing, lastPosition);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return listed.hasNext();
            }

            @Override
            public AuditEntry next() {
                return listed.next().entry();
            }
        };
    }

    /** The listing's chunk numbers in ascending order. */
    private List<Long> chunks(String listing) {
        BsonDocument head = listings.find(Filters.eq("_id", listing)).first();
        if (head == null || !head.isDocument(CHUNKS)) {
            return List.of();
        }
        return head.getDocument(CHUNKS).keySet().stream().map(Long::valueOf).sorted().toList();
    }

    /**
     * Per chunk of the listing (in order, chunks without positions up to {@code lastPosition} left out) its listed
     * positions up to {@code lastPosition}, ascending; chunk documents are read {@value #CHUNKS_PER_QUERY} at a time,
     * as the iteration reaches them.
     */
    private Iterable<long[]> positions(String listing, long lastPosition) {
        List<Long> numbers = chunks(listing).stream().filter(chunk -> chunk * CHUNK <= lastPosition).toList();
        return () -> new Iterator<>() {
            private int next;
            private final Deque<long[]> read = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (read.isEmpty() && next < numbers.size()) {
                    List<Long> group = numbers.subList(next, Math.min(numbers.size(), next + CHUNKS_PER_QUERY));
                    next += group.size();
                    read.addAll(readGroup(listing, group, lastPosition));
                }
                return !read.isEmpty();
            }

            @Override
            public long[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return read.removeFirst();
            }
        };
    }

    /** The positions up to {@code lastPosition} of each chunk of {@code group} that has any, in chunk order. */
    private Collection<long[]> readGroup(String listing, List<Long> group, long lastPosition) {
        Map<String, Long> numberOf = new HashMap<>();
        group.forEach(chunk -> numberOf.put(chunkId(listing, chunk), chunk));
        Map<Long, long[]> found = new TreeMap<>();
        for (BsonDocument chunk : listings.find(Filters.in("_id", numberOf.keySet()))) {
            Long number = numberOf.get(chunk.getString("_id").getValue());
            if (number == null || !chunk.isDocument(POSITIONS)) {
                continue;
            }
            long[] positions = chunk.getDocument(POSITIONS).keySet().stream().mapToLong(Long::parseLong)
                    .filter(position -> position <= lastPosition).sorted().toArray();
            if (positions.length > 0) {
                found.put(number, positions);
            }
        }
        return found.values();
    }

    /** The entries at {@code positions} that are there, in position order. */
    private List<Listed> entriesAt(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        List<Listed> found = new ArrayList<>(positions.size());
        for (Document entry : inParts(List.copyOf(positions), part -> entries.find(
                Filters.in(AuditDocuments.POSITION, part)).batchSize(part.size()))) {
            found.add(new Listed(entry.getInteger(AuditDocuments.YEAR), AuditDocuments.toEntry(entry)));
        }
        found.sort(Comparator.comparingLong(listed -> listed.entry().position()));
        return found;
    }
}
