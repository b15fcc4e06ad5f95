package de.lokalebuendnisse.audit.service.chain;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.lokalebuendnisse.audit.service.config.AuditProjections;
import de.lokalebuendnisse.platform.mongo.ChunkedDeletes;
import de.lokalebuendnisse.platform.projection.BatchedCollection;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

/**
 * The fingerprint records of the {@value de.lokalebuendnisse.audit.service.config.AuditProjections#AUDIT_CHAIN} projection in
 * {@value #COLLECTION}, one document per stored event keyed by its position, and how far they reach. Read by the
 * verifier in the service and on the command line (from whatever database that is configured with).
 */
@Component
public class ChainRecords {

    public static final String COLLECTION = "audit_chain_records";
    static final String EVENT_ID = "eventId";
    /**
     * Positions asked for per chunk of {@link #inOrder}. The stand-in checks each document of a chunk against the
     * whole {@code $in} list, work that grows with the square of the chunk: at 1,000 positions that was a fifth of its
     * CPU samples in a verify of a million events, at 250 a sixteenth, with no more cost per query to be seen.
     */
    static final int CHUNK_POSITIONS = 250;
    static final String READ_AHEAD_THREAD = "chain-records-read-ahead";

    private final MongoCollection<Document> records;
    /** The projection's writes: with its processor batch, before the batch's token. */
    private final BatchedCollection batchedRecords;
    private final MongoTemplate axonMongoTemplate;
    private final Serializer tokenSerializer;
    private final int chunkPositions;

    @Autowired
    public ChainRecords(MongoDatabase queryDatabase, MongoTemplate axonMongoTemplate, Serializer serializer) {
        this(queryDatabase, axonMongoTemplate, serializer, CHUNK_POSITIONS);
    }

    /** With chunks of {@code chunkPositions} positions: the tests cross chunk borders with a few records. */
    ChainRecords(MongoDatabase queryDatabase, MongoTemplate axonMongoTemplate, Serializer serializer,
                 int chunkPositions) {
        if (chunkPositions < 1) {
            throw new IllegalArgumentException("a chunk holds at least one position, not " + chunkPositions);
        }
        this.records = queryDatabase.getCollection(COLLECTION);
        this.batchedRecords = new BatchedCollection(records);
        this.axonMongoTemplate = axonMongoTemplate;
        this.tokenSerializer = serializer;
        this.chunkPositions = chunkPositions;
    }

    /**
     * The positions the records are complete for: those every segment of the projection has passed. A segment's
     * position is taken from {@code live} when this process runs it (fresher: an idle segment stores its token only
     * every few seconds), else from the token store, read without claiming the token so that it never disturbs a
     * running service. Empty when the projection never ran on this database.
     */
    public Optional<Coverage> coverage(Map<Integer, TrackingToken> live) {
        List<Document> entries = axonMongoTemplate.trackingTokensCollection()
                .find(Filters.eq("processorName", AuditProjections.AUDIT_CHAIN))
                .into(new ArrayList<>());
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        List<TrackingToken> tokens = new ArrayList<>();
        for (Document entry : entries) {
            Number segment = entry.get("segment", Number.class);
            tokens.add(segment != null && live.containsKey(segment.intValue())
                    ? live.get(segment.intValue()) : token(entry));
        }
        return Optional.of(Coverage.of(tokens));
    }

    /**
     * The records at positions 0 to {@code upTo}, in ascending position; close the iterator when done.
     * <p>
     * Read {@value #CHUNK_POSITIONS} positions at a time, each chunk found by its {@code _id}s ({@code $in}), the
     * next one while the verifier uses the one before, so memory holds two chunks whatever the number of records. One cursor over the whole collection would not: the
     * embedded default's stand-in collects every match of a query (and sorts them) before it answers the first
     * batch, which at a million records is more than the service's heap; and its {@code _id} index answers
     * equality and {@code $in} only, not a range. Real MongoDB answers each chunk from its {@code _id} index too.
     * A position without a record (a gap in the store's positions, or a record that is missing) is simply absent
     * from its chunk.
     */
    public CloseableIterator inOrder(long upTo) {
        return new ChunkedRecords(upTo, chunkPositions);
    }

    /** Where an event was recorded, looked up by its identifier. */
    public Optional<ChainRecord> byEventId(String eventId) {
        return Optional.ofNullable(records.find(Filters.eq(EVENT_ID, eventId)).first()).map(ChainRecords::toRecord);
    }

    /** Replaces by position, so a redelivered event leaves one unchanged document. */
    void save(ChainRecord record) {
        Document document = new Document("_id", record.position())
                .append(EVENT_ID, record.eventId())
                .append("aggregateId", record.aggregateId())
                .append("sequenceNumber", record.sequenceNumber())
                .append("fingerprint", record.fingerprint())
                .append("anchor", record.anchor());
        batchedRecords.replace(record.position(), document);
    }

    void clear() {
        ChunkedDeletes.deleteAll(records);
    }

    /** The verifier looks events up by identifier wherever the store differs from the records. */
    void ensureEventIdIndex() {
        records.createIndex(Indexes.ascending(EVENT_ID));
    }

    private TrackingToken token(Document entry) {
        Object data = entry.get("token");
        String type = entry.getString("tokenType");
        if (data == null || type == null) {
            return null;
        }
        byte[] bytes = data instanceof Binary binary ? binary.getData()
                : data instanceof byte[] raw ? raw
                : data.toString().getBytes(StandardCharsets.UTF_8);
        return tokenSerializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class,
                new SimpleSerializedType(type, null)));
    }

    private static ChainRecord toRecord(Document document) {
        return new ChainRecord(document.get("_id", Number.class).longValue(),
                document.getString(EVENT_ID),
                document.getString("aggregateId"),
                document.get("sequenceNumber", Number.class).longValue(),
                document.getString("fingerprint"),
                Boolean.TRUE.equals(document.getBoolean("anchor")));
    }

    /** A chunk read ahead, once it is there; its failure as if it had been read here. */
    private static List<Document> await(Future<List<Document>> chunk) {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the chain records", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException(e.getCause());
        }
    }

    /**
     * {@link #inOrder}: the chunk being used, and the next one read meanwhile on a thread of its own, so that the
     * database's work on a chunk overlaps the verifier's on the one before (on the stand-in reading the records took
     * two to three times the CPU of the walk itself, most of it in its {@code _id} index). Never more than these two
     * chunks are held or asked for.
     */
    private final class ChunkedRecords implements CloseableIterator {

        private final long upTo;
        private final int chunkPositions;
        /** The first position of the chunk not yet asked for. */
        private long nextFrom;
        private boolean allAskedFor;
        private Iterator<Document> chunk = Collections.emptyIterator();
        /** The chunk after {@link #chunk}, being read; null when there is none to read. */
        private Future<List<Document>> ahead;
        private ExecutorService readAhead;

        ChunkedRecords(long upTo, int chunkPositions) {
            this.upTo = upTo;
            this.chunkPositions = chunkPositions;
            this.allAskedFor = upTo < 0;
        }

        @Override
        public boolean hasNext() {
            // a chunk in a stretch without records (a long gap) comes back empty: then the next is taken
            while (!chunk.hasNext() && (ahead != null || !allAskedFor)) {
                List<Document> read = ahead != null ? await(ahead) : read(nextPositions());
                ahead = null;
                if (!allAskedFor) {
                    List<Long> positions = nextPositions();
                    ahead = readAhead().submit(() -> read(positions));
                }
                chunk = read.iterator();
            }
            return chunk.hasNext();
        }

        @Override
        public ChainRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return toRecord(chunk.next());
        }

        @Override
        public void close() {
            chunk = Collections.emptyIterator();
            allAskedFor = true;
            // a read under way ends on its own (interrupting it would cost the driver its connection); then the
            // thread ends
            if (ahead != null) {
                ahead.cancel(false);
                ahead = null;
            }
            if (readAhead != null) {
                readAhead.shutdown();
            }
        }

        /** The positions of the next chunk, which count as asked for from now on. */
        private List<Long> nextPositions() {
            long last = upTo - nextFrom < chunkPositions ? upTo : nextFrom + chunkPositions - 1;
            List<Long> positions = LongStream.rangeClosed(nextFrom, last).boxed().toList();
            allAskedFor = last == upTo;
            nextFrom = last + 1;
            return positions;
        }

        private List<Document> read(List<Long> positions) {
            return records.find(Filters.in("_id", positions)).sort(Sorts.ascending("_id"))
                    .batchSize(positions.size()).into(new ArrayList<>(positions.size()));
        }

        private ExecutorService readAhead() {
            if (readAhead == null) {
                readAhead = Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, READ_AHEAD_THREAD);
                    // a verification that is abandoned without closing its records must not keep the JVM alive
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return readAhead;
        }
    }

    /** The positions the projection has passed: up to {@code index}, except its {@code gaps} (not yet seen). */
    public record Coverage(long index, SortedSet<Long> gaps) {

        static final Coverage NOTHING = new Coverage(-1, Collections.emptySortedSet());

        /** What all segments have passed: each one up to its index except its gaps. */
        static Coverage of(List<TrackingToken> segments) {
            long index = Long.MAX_VALUE;
            SortedSet<Long> gaps = new TreeSet<>();
            for (TrackingToken segment : segments) {
                // during a replay a segment's token wraps the position it has replayed up to
                TrackingToken token = WrappedToken.unwrapLowerBound(segment);
                if (token == null) {
                    return NOTHING;
                }
                if (token instanceof GapAwareTrackingToken gapAware) {
                    index = Math.min(index, gapAware.getIndex());
                    gaps.addAll(gapAware.getGaps());
                } else {
                    index = Math.min(index, token.position().orElse(-1));
                }
            }
            return segments.isEmpty() ? NOTHING
                    : new Coverage(index, Collections.unmodifiableSortedSet(new TreeSet<>(gaps.headSet(index + 1))));
        }

        public boolean covers(long position) {
            return position <= index && !gaps.contains(position);
        }
    }

    /** An iterator over records that holds a database cursor. */
    public interface CloseableIterator extends Iterator<ChainRecord>, AutoCloseable {
        @Override
        void close();
    }
}
