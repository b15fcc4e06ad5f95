package de.lokalebuendnisse.audit.service.replay;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.audit.trail.chain.ChainHead;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.audit.trail.entry.AuditDigest;
import de.lokalebuendnisse.audit.service.history.AuditDocuments;
import de.lokalebuendnisse.audit.service.history.AuditHistoryProjection;
import de.lokalebuendnisse.audit.trail.chain.ChainedEvents;
import de.lokalebuendnisse.audit.service.history.EventHistory;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The auditors' replay: reads every stored event from the first up to the head taken at the start (on its own
 * stream, apart from the live processors and their tokens), feeds each to a fresh {@link AuditHistoryProjection}
 * whose documents go to temporary files for the comparison ({@link RebuiltHistory}) and, when the auditor keeps
 * them, into a database of its own ({@value #DATABASE_PREFIX}{@code <replayId>}, on the same MongoDB), and gathers
 * the report on the way: events per year and type, grants, renewals and revocations per period with their
 * evidence, the chain head, and the digest of the rebuilt history ({@link AuditDigest}) over the documents as they are
 * written. Then it compares the rebuilt history with the live one. Memory stays flat in the number of events: events
 * stream, documents are written in batches and as streams, the comparison reads through cursors and streams.
 */
@Component
public class AuditReplay {

    public static final String DATABASE_PREFIX = "lbf-audit-replay-";
    /** Documents written per batch; nothing reads the replay's database before the replay is done. */
    static final int BATCH = 1000;
    /**
     * Events fetched ahead of the replay thread, on a thread of their own, and as many again deserialized ahead of
     * it, on another: with fetching and deserializing on one thread, that thread was the replay's limit (a million
     * events: the reading phase 48 s with one such thread, 43 s with two).
     */
    static final int READ_AHEAD = 500;
    /** Progress is handed out at most this often, and after the last event. */
    static final long PROGRESS_EVERY_EVENTS = 1000;

    private final EventHistory history;
    private final MongoClient mongoClient;
    private final Serializer eventSerializer;
    private final OwnPositions positions;
    private final Clock clock = Clock.systemUTC();

    public AuditReplay(EventHistory history, MongoClient mongoClient,
                       @Qualifier("eventSerializer") Serializer eventSerializer, OwnPositions positions) {
        this.history = history;
        this.positions = positions;
        this.mongoClient = mongoClient;
        this.eventSerializer = eventSerializer;
    }

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    /** A new replay id: when it started (UTC) and four random hex digits, e.g. {@code 20261130T101500-3fa2}. */
    public static String newId(Instant now) {
        return ID_TIME.format(now) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /**
     * Runs a replay on the calling thread.
     *
     * @param replayId names the replay's database; letters, digits and '-'
     * @param keep     write the rebuilt history into the replay's database and keep it (named in the report); without,
     *                 no database is written
     * @param progress told the progress every {@value #PROGRESS_EVERY_EVENTS} events and at each phase
     */
    public ReplayReport run(String replayId, boolean keep, LiveHistory live, Consumer<ReplayProgress> progress) {
        Instant startedAt = clock.instant();
        long head = history.headPosition();
        String databaseName = DATABASE_PREFIX + replayId;
        MongoDatabase database = mongoClient.getDatabase(databaseName);
        MongoCollection<Document> rebuilt = database.getCollection(AuditDocuments.COLLECTION);
        try (RebuiltHistory compared = new RebuiltHistory(replayId)) {
            if (keep) {
                // the live projection's index, for those who read the kept history by year
                rebuilt.createIndex(Indexes.ascending(AuditDocuments.YEAR, AuditDocuments.POSITION));
            }
            try (BatchWriter writer = new BatchWriter(keep ? rebuilt : null, compared)) {
                AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(
                        new AuditHistoryProjection(writer, positions));
                ReplayReportBuilder report = new ReplayReportBuilder();
                ChainHead chain = ChainHead.START;
                long total = head + 1;
                long done = 0;
                progress.accept(progress(ReplayProgress.READING, 0, total, startedAt));
                try (Stream<TrackedEventMessage<?>> events = history.upTo(head);
                     ReadAhead<TrackedEventMessage<?>> fetched = new ReadAhead<>(events.iterator(), READ_AHEAD,
                             event -> { }, "audit-replay-reader");
                     ReadAhead<TrackedEventMessage<?>> iterator = new ReadAhead<>(fetched, READ_AHEAD,
                             AuditReplay::deserialize, "audit-replay-deserializer")) {
                    while (iterator.hasNext()) {
                        TrackedEventMessage<?> event = iterator.next();
                        long position = history.positionOf(event);
                        ChainedEvent stored = ChainedEvents.of(event, eventSerializer);
                        chain = chain.next(position, stored);
                        report.add(event, position, stored);
                        handle(projection, event, position);
                        done++;
                        if (done % PROGRESS_EVERY_EVENTS == 0) {
                            progress.accept(progress(ReplayProgress.READING, done, total, startedAt));
                        }
                    }
                }
                writer.flush();
                compared.finish();
                double readSeconds = seconds(startedAt);
                progress.accept(progress(ReplayProgress.DIGESTING, done, done, startedAt));
                Map<Integer, AuditDigest> years = writer.yearDigests();
                AuditDigest whole = writer.digest();
                whole.value();
                progress.accept(progress(ReplayProgress.COMPARING, done, done, startedAt));
                ReplayReport.Comparison comparison = HistoryComparison.compare(compared, new TreeSet<>(
                        years.keySet()), live, head);
                progress.accept(progress(ReplayProgress.DONE, done, done, startedAt));
                Instant finishedAt = clock.instant();
                return new ReplayReport(replayId, startedAt, finishedAt, round(seconds(startedAt)), head, done,
                        round(done / Math.max(0.001, readSeconds)),
                        new ReplayReport.Database(databaseName, keep),
                        new ReplayReport.Chain(AuditChain.FORM, chain.lastPosition(), chain.chainedEvents(),
                                chain.head()),
                        new ReplayReport.History(AuditDigest.FORM, AuditDigest.ALGORITHM, whole.entries(), whole.value(),
                                years.entrySet().stream().map(year -> new ReplayReport.YearDigest(year.getKey(),
                                        year.getValue().entries(), year.getValue().value())).toList()),
                        report.eventsPerYear(), report.periods(), comparison);
            }
        }
    }

    /** What the replay thread would otherwise do first with each event: its payload, metadata and timestamp. */
    private static void deserialize(TrackedEventMessage<?> event) {
        event.getPayload();
        event.getMetaData();
        event.getTimestamp();
    }

    /** As the live processor does: one unit of work per event, so Axon's parameter resolution is the real one. */
    private static void handle(AnnotationEventHandlerAdapter projection, TrackedEventMessage<?> event,
                               long position) {
        if (!projection.canHandle(event)) {
            return;
        }
        try {
            DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> projection.handle(event));
        } catch (Exception e) {
            throw new IllegalStateException("the audit history cannot take event " + event.getIdentifier() + " ("
                    + event.getPayloadType().getSimpleName() + ") at position " + position + ": " + e.getMessage(),
                    e);
        }
    }

    private ReplayProgress progress(String phase, long done, long total, Instant startedAt) {
        double seconds = seconds(startedAt);
        double rate = done / Math.max(0.001, seconds);
        Long left = done >= total ? Long.valueOf(0) : rate <= 0 ? null : Long.valueOf(Math.round((total - done) / rate));
        return new ReplayProgress(phase, done, Math.max(total, done), round(rate), left);
    }

    private double seconds(Instant since) {
        return Duration.between(since, clock.instant()).toMillis() / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /**
     * Hands each of the projection's documents to the comparison's files and, when the replay is kept, writes it in
     * ordered batches of inserts into the replay's own, fresh database (each event once: it is read once, and event
     * identifiers are unique in the store); digests each document as it is written. The entries arrive in position order, the order the digest is defined in, so the digest needs no
     * second read of the whole rebuilt history sorted by position (which the MongoDB stand-in would sort in memory).
     * <p>
     * The inserts of a kept replay run on a thread of their own while the replay reads on: the database answering an insert (on the
     * embedded default the stand-in, in this process) took about two thirds of a replay's time, spent while the
     * reading thread waited. At most {@value #BATCHES_IN_FLIGHT} batches are handed over and not yet written, so
     * memory stays bounded; an insert that fails fails the replay at the next batch or at {@link #flush()}.
     * Nothing reads the rebuilt history before {@link #flush()} has returned.
     */
    static final class BatchWriter implements AuditHistoryProjection.Writer, AutoCloseable {

        /** Batches handed to the inserting thread and not yet written, before the reading thread waits. */
        static final int BATCHES_IN_FLIGHT = 2;

        private final MongoCollection<Document> collection;
        private final RebuiltHistory compared;
        private final ExecutorService inserter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-replay-writer");
            thread.setDaemon(true);
            return thread;
        });
        private final Deque<Future<?>> inFlight = new ArrayDeque<>();
        private List<Document> batch = new ArrayList<>(BATCH);
        private final AuditDigest whole = new AuditDigest();
        private final Map<Integer, AuditDigest> years = new TreeMap<>();
        private long lastPosition = Long.MIN_VALUE;

        /** @param collection the kept database's collection; null when the replay is not kept */
        BatchWriter(MongoCollection<Document> collection, RebuiltHistory compared) {
            this.collection = collection;
            this.compared = compared;
        }

        @Override
        public void write(int year, AuditEntry entry) {
            // the replay reads in strictly ascending position; anything else would make the digest's order wrong
            if (entry.position() <= lastPosition) {
                throw new IllegalStateException("entry of event " + entry.eventId() + " at position "
                        + entry.position() + " arrived after position " + lastPosition);
            }
            lastPosition = entry.position();
            Document document = AuditDocuments.toDocument(year, entry);
            // the entry as the document holds it: what a read of the rebuilt history would hand back
            AuditEntry stored = AuditDocuments.toEntry(document);
            whole.add(year, stored, years.computeIfAbsent(year, y -> new AuditDigest()));
            compared.add(year, document);
            if (collection != null) {
                batch.add(document);
                if (batch.size() >= BATCH) {
                    send();
                }
            }
        }

        /** Never called by the replay, which starts from a fresh database (the projection's reset handler). */
        @Override
        public void clear() {
            throw new UnsupportedOperationException("a replay's rebuilt history starts empty and is never reset");
        }

        /** Hands the batch to the inserting thread, after waiting for the oldest when too many are in flight. */
        private void send() {
            if (batch.isEmpty()) {
                return;
            }
            while (inFlight.size() >= BATCHES_IN_FLIGHT) {
                awaitOldest();
            }
            List<Document> full = batch;
            batch = new ArrayList<>(BATCH);
            inFlight.addLast(inserter.submit(() -> collection.insertMany(full, new InsertManyOptions().ordered(true))));
        }

        /** Writes what is left and waits until every entry handed over is in the database. */
        void flush() {
            send();
            while (!inFlight.isEmpty()) {
                awaitOldest();
            }
        }

        private void awaitOldest() {
            Future<?> oldest = inFlight.removeFirst();
            try {
                oldest.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("writing the rebuilt history failed: " + e.getCause().getMessage(),
                        e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the rebuilt history", e);
            }
        }

        /**
         * Stops the inserting thread: batches not yet started are dropped, one being written is waited for, so that
         * no insert reaches the replay's database after the replay has dropped it.
         */
        @Override
        public void close() {
            inFlight.forEach(pending -> pending.cancel(false));
            inFlight.clear();
            inserter.shutdown();
            try {
                if (!inserter.awaitTermination(1, TimeUnit.MINUTES)) {
                    inserter.shutdownNow();
                }
            } catch (InterruptedException e) {
                inserter.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }

        /** The digest of every entry written, in position order. */
        AuditDigest digest() {
            return whole;
        }

        /** The digest of each year's entries written, in position order, by year. */
        Map<Integer, AuditDigest> yearDigests() {
            return years;
        }
    }
}
