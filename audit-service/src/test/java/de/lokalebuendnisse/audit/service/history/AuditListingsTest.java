package de.lokalebuendnisse.audit.service.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.platform.projection.BatchedCollection;
import de.lokalebuendnisse.platform.testing.RecordingMongo;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listing answers pages and whole-year reads as one sorted query of the year did, while every query it sends is
 * bounded: entries only by {@code position $in} at most 250 positions, listings only by {@code _id}; nothing is
 * sorted or counted by the store (the stand-in would collect the whole year in the heap to do either).
 */
class AuditListingsTest {

    private final RecordingMongo mongo = new RecordingMongo();
    private final List<BsonDocument> commands = mongo.commands();
    private final MongoDatabase database;
    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> listingCollection;
    private final AuditListings listings;
    /** What one sorted query per year answered before the listings: position -> year. */
    private final TreeMap<Long, Integer> written = new TreeMap<>();

    AuditListingsTest() {
        database = mongo.database("audit");
        entries = database.getCollection(AuditDocuments.COLLECTION);
        listingCollection = database.getCollection(AuditListings.COLLECTION);
        listings = new AuditListings(database);
    }

    @AfterEach
    void close() {
        mongo.close();
    }

    /** Entries over several chunks with gaps, two years interleaved, written in random order as segments would. */
    private void writeInterleavedYears(boolean withListings) {
        Random random = new Random(11);
        List<Long> positions = new ArrayList<>(LongStream.range(0, 3_600).filter(p -> random.nextInt(5) == 0)
                .boxed().toList());
        Collections.shuffle(positions, random);
        BatchedCollection listed = new BatchedCollection(listingCollection);
        for (long position : positions) {
            int year = random.nextInt(3) == 0 ? 2024 : 2025;
            written.put(position, year);
            entries.insertOne(AuditDocuments.toDocument(year, entry(position)));
            if (withListings) {
                AuditListings.list(listed, AuditListings.ofYear(year), position);
                AuditListings.list(listed, AuditListings.ofPeriod("2024/25"), position);
            }
        }
    }

    private List<Long> positionsOf(int year) {
        return written.entrySet().stream().filter(e -> e.getValue() == year).map(e -> e.getKey()).toList();
    }

    @Test
    void pagesAcrossChunksGiveTheYearInPositionOrderWithItsTotal() {
        writeInterleavedYears(true);
        List<Long> of2025 = positionsOf(2025);
        assertThat(of2025.get(of2025.size() - 1) / AuditListings.CHUNK).isGreaterThanOrEqualTo(3);

        List<Long> paged = new ArrayList<>();
        for (int page = 0; ; page++) {
            AuditListings.Slice slice = listings.slice(AuditListings.ofYear(2025), (long) page * 37, 37);
            assertThat(slice.total()).isEqualTo(of2025.size());
            if (slice.entries().isEmpty()) {
                break;
            }
            slice.entries().forEach(entry -> paged.add(entry.position()));
        }

        assertThat(paged).isEqualTo(of2025);
        assertThat(listings.slice(AuditListings.ofYear(2023), 0, 10)).isEqualTo(new AuditListings.Slice(0, List.of()));
    }

    @Test
    void everyQueryIsBoundedToAChunkAndNothingIsSortedOrCounted() {
        writeInterleavedYears(true);
        commands.clear();

        listings.slice(AuditListings.ofYear(2025), 700, 50);
        Iterator<AuditEntry> all = listings.entries(AuditListings.ofPeriod("2024/25"), Long.MAX_VALUE);
        all.forEachRemaining(entry -> { });

        List<BsonDocument> reads = commands.stream().filter(c -> c.containsKey("find") || c.containsKey("aggregate")
                || c.containsKey("count")).toList();
        assertThat(reads).isNotEmpty().allSatisfy(read -> {
            assertThat(read.containsKey("find")).as("only finds: %s", read).isTrue();
            assertThat(read.containsKey("sort")).as("nothing sorted by the store: %s", read).isFalse();
            assertThat(read.containsKey("skip")).as("nothing skipped by the store: %s", read).isFalse();
            BsonDocument filter = read.getDocument("filter");
            if (read.getString("find").getValue().equals(AuditDocuments.COLLECTION)) {
                assertThat(filter.getDocument(AuditDocuments.POSITION).getArray("$in").size())
                        .isBetween(1, AuditListings.POSITIONS_PER_QUERY);
            } else {
                BsonDocument id = filter.get("_id").isDocument() ? filter.getDocument("_id") : null;
                assertThat(id == null || id.getArray("$in").size() <= AuditListings.CHUNKS_PER_QUERY)
                        .as("listings by _id: %s", read).isTrue();
            }
        });
    }

    @Test
    void aWholeListingIsReadInOrderUpToTheLastPositionAskedFor() {
        writeInterleavedYears(true);
        List<Long> of2024 = positionsOf(2024);
        long last = of2024.get(of2024.size() / 2);

        List<Long> read = new ArrayList<>();
        listings.listed(AuditListings.ofYear(2024), last).forEachRemaining(listed -> {
            assertThat(listed.year()).isEqualTo(2024);
            read.add(listed.entry().position());
        });
        List<Long> period = new ArrayList<>();
        listings.entries(AuditListings.ofPeriod("2024/25"), Long.MAX_VALUE)
                .forEachRemaining(entry -> period.add(entry.position()));

        assertThat(read).isEqualTo(of2024.stream().filter(p -> p <= last).toList());
        assertThat(period).isEqualTo(List.copyOf(written.keySet()));
        assertThat(listings.hasEntries(AuditListings.ofPeriod("2024/25"))).isTrue();
        assertThat(listings.hasEntries(AuditListings.ofPeriod("2025/26"))).isFalse();
    }

    @Test
    void aPositionListedInAChunkAlreadyReadBelongsToTheNextReadAndAnEntryNotYetWrittenIsLeftOut() {
        BatchedCollection listed = new BatchedCollection(listingCollection);
        for (long position : new long[] {10, 20, 1_010}) {
            entries.insertOne(AuditDocuments.toDocument(2024, entry(position)));
            AuditListings.list(listed, AuditListings.ofYear(2024), position);
        }
        // listed, its entry's write not yet arrived (a batch in the middle of its writes)
        AuditListings.list(listed, AuditListings.ofYear(2024), 30);

        Iterator<AuditEntry> reading = listings.entries(AuditListings.ofYear(2024), Long.MAX_VALUE);
        assertThat(reading.next().position()).isEqualTo(10);
        // the store fills a gap late, in the chunk being read
        entries.insertOne(AuditDocuments.toDocument(2024, entry(15)));
        AuditListings.list(listed, AuditListings.ofYear(2024), 15);
        List<Long> rest = new ArrayList<>();
        reading.forEachRemaining(entry -> rest.add(entry.position()));

        assertThat(rest).containsExactly(20L, 1_010L);
        assertThat(listings.slice(AuditListings.ofYear(2024), 0, 10).entries()).extracting(AuditEntry::position)
                .containsExactly(10L, 15L, 20L, 1_010L);
        assertThat(listings.slice(AuditListings.ofYear(2024), 0, 10).total()).isEqualTo(5);
    }

    @Test
    void listingsMissingFromAnOlderVersionAreDerivedOnceFromTheEntries() {
        writeInterleavedYears(false);
        // also an entry of another period
        entries.insertOne(AuditDocuments.toDocument(2025, withPeriod(entry(3_700), "2025/26")));
        written.put(3_700L, 2025);

        AuditListings.deriveIfMissing(entries, listingCollection, () -> 3_800);

        assertThat(readAll(AuditListings.ofYear(2024))).isEqualTo(positionsOf(2024));
        assertThat(readAll(AuditListings.ofYear(2025))).isEqualTo(positionsOf(2025));
        assertThat(readAll(AuditListings.ofPeriod("2025/26"))).containsExactly(3_700L);
        assertThat(readAll(AuditListings.ofPeriod("2024/25"))).hasSize(written.size() - 1);
        List<Document> derived = listingCollection.find().into(new ArrayList<>());

        // derived listings are what the projection would have written; a second start reads one document only
        listingCollection.deleteMany(new Document("_id", new Document("$ne", AuditListings.DERIVED)));
        BatchedCollection listed = new BatchedCollection(listingCollection);
        for (Document entry : entries.find()) {
            long position = entry.getLong(AuditDocuments.POSITION);
            AuditListings.list(listed, AuditListings.ofYear(entry.getInteger(AuditDocuments.YEAR)), position);
            AuditListings.list(listed, AuditListings.ofPeriod(entry.getString("period")), position);
        }
        assertThat(normalised(listingCollection.find().into(new ArrayList<>()))).isEqualTo(normalised(derived));
        commands.clear();
        AuditListings.deriveIfMissing(entries, listingCollection, () -> 3_800);
        assertThat(commands.stream().filter(c -> c.containsKey("find") || c.containsKey("update"))).hasSize(1);
    }

    @Test
    void anEmptyHistoryIsMarkedWithoutAWalk() {
        AuditListings.deriveIfMissing(entries, listingCollection, () -> {
            throw new AssertionError("no head needed without entries");
        });

        assertThat(commands.stream().filter(c -> c.containsKey("find"))).hasSize(1);
        assertThat(listingCollection.find(new Document("_id", AuditListings.DERIVED)).first()).isNotNull();
    }

    private List<Long> readAll(String listing) {
        List<Long> read = new ArrayList<>();
        listings.entries(listing, Long.MAX_VALUE).forEachRemaining(entry -> read.add(entry.position()));
        return read;
    }

    /** Field order of an upserted document depends on the order its fields were first set. */
    private static TreeMap<String, Object> normalised(List<Document> documents) {
        TreeMap<String, Object> byId = new TreeMap<>();
        for (Document document : documents) {
            TreeMap<String, Object> fields = new TreeMap<>();
            document.forEach((key, value) -> fields.put(key, value instanceof Document nested
                    ? new TreeMap<>(nested) : value));
            byId.put(document.getString("_id"), fields);
        }
        return byId;
    }

    private static AuditEntry entry(long position) {
        return new AuditEntry("e-" + position, position, Instant.parse("2024-11-22T09:15:00Z"), "SealGranted", "1",
                "seal-award:2024/25", 3, "hamm", "2024/25", 2024, "crm", null, null, null, "c-1", "m-1", null, null);
    }

    private static AuditEntry withPeriod(AuditEntry entry, String period) {
        return new AuditEntry(entry.eventId(), entry.position(), entry.timestamp(), entry.eventType(),
                entry.eventRevision(), entry.aggregateId(), entry.sequenceNumber(), entry.buendnisId(), period,
                entry.campaignYear(), entry.caller(), entry.callerSubject(), entry.callerClient(), entry.callerRole(),
                entry.correlationId(), entry.causationId(), entry.process(), entry.reason());
    }
}
