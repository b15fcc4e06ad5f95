package de.lokalebuendnisse.audit.service.chain;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.lokalebuendnisse.audit.service.chain.ChainReport.Break;
import de.lokalebuendnisse.audit.service.chain.StoredEvents.StoredEvent;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

/**
 * The records read in chunks of positions from the stand-in the embedded default runs ({@link H2Backend}), with
 * chunks of {@value #CHUNK} positions so that a few records cross several chunk borders: 0-3, 4-7, 8-11, 12-15, ...
 */
class ChainRecordsInChunksTest {

    private static final int CHUNK = 4;

    private MongoServer server;
    private MongoClient client;
    /** The find commands sent and how many documents each answered with. */
    private final List<BsonDocument> finds = new CopyOnWriteArrayList<>();
    private final List<Integer> answered = new CopyOnWriteArrayList<>();
    private ChainRecords records;

    @BeforeEach
    void start() {
        server = new MongoServer(H2Backend.inMemory());
        String address = server.bind().getHostString() + ":" + server.getLocalAddress().getPort();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + address))
                // a test stops the server: the reading must fail soon, not after the default 30 s
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("find")) {
                            finds.add(event.getCommand().clone());
                        }
                    }

                    @Override
                    public void commandSucceeded(CommandSucceededEvent event) {
                        if (event.getCommandName().equals("find")) {
                            answered.add(event.getResponse().getDocument("cursor").getArray("firstBatch").size());
                        }
                    }
                }).build());
        records = spy(new ChainRecords(client.getDatabase("lbf-audit-test"), mock(MongoTemplate.class),
                mock(Serializer.class), CHUNK));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    // --- reading --------------------------------------------------------------------------------------------------

    @Test
    void readsEveryRecordInAscendingPositionAcrossChunkBordersUpToAPartialLastChunk() {
        List<Long> positions = LongStream.rangeClosed(1, 10).boxed().toList();
        saveInShuffledOrder(positions);

        assertThat(positionsRead(10)).containsExactlyElementsOf(positions);
        assertThat(finds).as("chunks 0-3, 4-7 and the partial 8-10").hasSize(3);
    }

    @Test
    void gapsInThePositionsAndWholeChunksWithoutRecordsAreSkipped() {
        // 3/4 and 7/8 on both sides of a border, 5 and 6 a gap, nothing in 12-15 and 16-19, the last one at upTo
        List<Long> positions = List.of(1L, 2L, 3L, 4L, 7L, 8L, 11L, 20L, 23L);
        saveInShuffledOrder(positions);

        assertThat(positionsRead(23)).containsExactlyElementsOf(positions);
    }

    @Test
    void stopsAtUpToAndReadsNothingBelowPositionZero() {
        saveInShuffledOrder(LongStream.rangeClosed(0, 12).boxed().toList());

        assertThat(positionsRead(8)).containsExactlyElementsOf(LongStream.rangeClosed(0, 8).boxed().toList());
        assertThat(positionsRead(3)).containsExactly(0L, 1L, 2L, 3L);
        finds.clear();
        assertThat(positionsRead(-1)).isEmpty();
        assertThat(finds).as("an empty store asks for nothing").isEmpty();
    }

    @Test
    void holdsTwoChunksAtMostTheNextAskedForByItsIdsWhileTheOneBeforeIsUsed() throws InterruptedException {
        saveInShuffledOrder(LongStream.rangeClosed(1, 30).boxed().toList());

        try (ChainRecords.CloseableIterator iterator = records.inOrder(30)) {
            assertThat(iterator.next().position()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() == 2);
            Thread.sleep(100); // time to run further ahead, which it must not
            assertThat(finds).as("the first chunk, and the second read ahead").hasSize(2);
            for (int read = 1; read < 7; read++) {
                iterator.next();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() == 3);
            Thread.sleep(100);
            assertThat(finds).as("positions 1-7 used, 8-11 read ahead").hasSize(3);
            iterator.forEachRemaining(record -> { });
        }
        assertThat(answered).as("no answer holds more than a chunk").allSatisfy(size ->
                assertThat(size).isLessThanOrEqualTo(CHUNK));
        // each chunk is an $in on _id: what the stand-in's _id index answers without reading the collection
        assertThat(finds).allSatisfy(find -> {
            assertThat(find.getDocument("filter").keySet()).containsExactly("_id");
            assertThat(find.getDocument("filter").getDocument("_id").keySet()).containsExactly("$in");
            assertThat(find.getDocument("filter").getDocument("_id").getArray("$in")).hasSizeLessThanOrEqualTo(CHUNK);
        });
        assertThat(positionsAskedFor()).as("every position up to 30 asked for once, in order")
                .containsExactlyElementsOf(LongStream.rangeClosed(0, 30).boxed().toList());
    }

    @Test
    void aChunkThatCannotBeReadAheadFailsTheReadingInsteadOfEndingIt() {
        saveInShuffledOrder(LongStream.rangeClosed(1, 30).boxed().toList());

        try (ChainRecords.CloseableIterator iterator = records.inOrder(30)) {
            iterator.next();
            await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() == 2);
            server.shutdownNow();
            for (int read = 1; read < 7; read++) {
                iterator.next(); // the two chunks read before the database went away
            }
            assertThatThrownBy(iterator::hasNext).isInstanceOf(MongoException.class);
        }
    }

    @Test
    void theReadAheadThreadEndsWithTheReading() {
        saveInShuffledOrder(LongStream.rangeClosed(1, 30).boxed().toList());

        ChainRecords.CloseableIterator iterator = records.inOrder(30);
        iterator.next();
        assertThat(readAheadThreads()).isPositive();
        iterator.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> readAheadThreads() == 0);
    }

    @Test
    void aClosedIteratorHasNothingMore() {
        saveInShuffledOrder(LongStream.rangeClosed(1, 10).boxed().toList());

        ChainRecords.CloseableIterator iterator = records.inOrder(10);
        iterator.next();
        iterator.close();

        assertThat(iterator.hasNext()).isFalse();
    }

    // --- the verifier on chunked records --------------------------------------------------------------------------

    private final StoredEvents stored = mock(StoredEvents.class);

    @Test
    void deletedEventsInsideAChunkAndOnBothSidesOfABorderAreEachReportedMissing() {
        // positions 1-14 with 3 a gap of the store; 6 inside the chunk 4-7, 7 and 8 on both sides of its border
        List<StoredEvent> asWritten = events(1, 14, 3);
        recordAll(asWritten);
        List<StoredEvent> tampered = without(asWritten, 6, 7, 8);
        store(tampered);
        covered(14);

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.status()).isEqualTo(ChainReport.Status.BROKEN);
        assertThat(report.breaks()).extracting(Break::position, Break::kind).containsExactly(
                tuple(6L, ChainReport.Kind.MISSING), tuple(7L, ChainReport.Kind.MISSING),
                tuple(8L, ChainReport.Kind.MISSING));
        assertThat(report.breaks()).extracting(Break::eventId).containsExactly("e-6", "e-7", "e-8");
        assertThat(report.eventsChecked()).isEqualTo(10);
        assertThat(report.unrecordedEvents()).isZero();
    }

    @Test
    void eventsWithoutARecordAtAChunkBorderAndInsideAChunkAreReportedInserted() {
        List<StoredEvent> events = events(1, 14, 3);
        recordAll(without(events, 4, 10));
        store(events);
        covered(14);

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.breaks()).extracting(Break::position, Break::kind).containsExactly(
                tuple(4L, ChainReport.Kind.INSERTED), tuple(10L, ChainReport.Kind.INSERTED));
    }

    @Test
    void anUntouchedStoreOfManyChunksWithGapsIsIntactWithEveryEventCompared() {
        List<StoredEvent> events = events(1, 41, 3, 12, 13, 14, 15, 16);
        recordAll(events);
        store(events);
        covered(41);

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.status()).isEqualTo(ChainReport.Status.INTACT);
        assertThat(report.breakCount()).isZero();
        assertThat(report.eventsChecked()).isEqualTo(35);
        assertThat(report.unrecordedEvents()).isZero();
        assertThat(report.uncheckedEvents()).isZero();
    }

    @Test
    void eventsDeletedFromTheEndOfTheStoreAreMissingUpToWhereTheProjectionHadPassed() {
        // the projection passed 13; the store now ends at 9: the records 10-13 (the chunks 8-11 and 12-15) have no
        // events left beside them
        List<StoredEvent> asWritten = events(1, 13);
        recordAll(asWritten);
        store(without(asWritten, 10, 11, 12, 13));
        covered(13);

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.breaks()).extracting(Break::position, Break::kind).containsExactly(
                tuple(10L, ChainReport.Kind.MISSING), tuple(11L, ChainReport.Kind.MISSING),
                tuple(12L, ChainReport.Kind.MISSING), tuple(13L, ChainReport.Kind.MISSING));
    }

    @Test
    void recordsBeyondTheStoreAndTheCoverageAreNeitherReadNorReported() {
        // recorded up to 9 when the token was read; 10 and 11 recorded since, of events stored after the head was
        List<StoredEvent> all = events(1, 11);
        recordAll(all);
        store(without(all, 10, 11));
        covered(9);

        ChainReport report = verifier().verify(Duration.ofHours(1), progress -> { });

        assertThat(report.status()).isEqualTo(ChainReport.Status.INTACT);
        assertThat(report.breakCount()).isZero();
        assertThat(positionsAskedFor()).last().isEqualTo(9L);
    }

    // --- fixtures -------------------------------------------------------------------------------------------------

    private List<Long> positionsAskedFor() {
        return finds.stream().flatMap(find -> find.getDocument("filter").getDocument("_id").getArray("$in").stream()
                .map(value -> value.asNumber().longValue())).toList();
    }

    private static long readAheadThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(ChainRecords.READ_AHEAD_THREAD) && thread.isAlive()).count();
    }

    private List<Long> positionsRead(long upTo) {
        List<Long> read = new ArrayList<>();
        try (ChainRecords.CloseableIterator iterator = records.inOrder(upTo)) {
            iterator.forEachRemaining(record -> read.add(record.position()));
        }
        return read;
    }

    /** Inserted out of order, so that the order read is the query's, not the insertion's. */
    private void saveInShuffledOrder(List<Long> positions) {
        List<Long> shuffled = new ArrayList<>(positions);
        Collections.shuffle(shuffled, new Random(11));
        for (long position : shuffled) {
            records.save(new ChainRecord(position, "e-" + position, "buendnis:b" + position, 0, "0".repeat(64),
                    false));
        }
    }

    private ChainVerifier verifier() {
        return new ChainVerifier(stored, records, Map::of, ChainVerifier.RECENT_LINKS);
    }

    private void covered(long index) {
        doReturn(Optional.of(new ChainRecords.Coverage(index, Collections.emptySortedSet()))).when(records)
                .coverage(any());
    }

    private void store(List<StoredEvent> events) {
        when(stored.headPosition()).thenReturn(events.get(events.size() - 1).position());
        when(stored.inOrder(anyLong())).thenAnswer(invocation -> events.stream()
                .filter(event -> event.position() <= invocation.<Long>getArgument(0)));
    }

    /** What the audit-chain projection records of each event as it arrives, inserted out of order. */
    private void recordAll(List<StoredEvent> events) {
        List<StoredEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(7));
        for (StoredEvent event : shuffled) {
            records.save(new ChainRecord(event.position(), event.event().eventId(), event.event().aggregateId(),
                    event.event().sequenceNumber(), AuditChain.link(AuditChain.GENESIS, event.event()), false));
        }
    }

    private static List<StoredEvent> without(List<StoredEvent> events, long... positions) {
        Set<Long> left = LongStream.of(positions).boxed().collect(java.util.stream.Collectors.toSet());
        return events.stream().filter(event -> !left.contains(event.position())).toList();
    }

    /** Events at the positions {@code from} to {@code to} except the store's {@code gaps}. */
    private static List<StoredEvent> events(long from, long to, long... gaps) {
        Set<Long> skipped = LongStream.of(gaps).boxed().collect(java.util.stream.Collectors.toSet());
        return LongStream.rangeClosed(from, to).filter(position -> !skipped.contains(position))
                .mapToObj(position -> new StoredEvent(position, new ChainedEvent("e-" + position,
                        "buendnis:b" + position, 0, "de.lokalebuendnisse.kernel.buendnis.BuendnisResumed", "1",
                        "{\"buendnisId\":\"b" + position + "\"}", Map.of("caller", "crm"),
                        Instant.parse("2024-05-02T08:00:00Z").plusSeconds(position)))).toList();
    }
}
