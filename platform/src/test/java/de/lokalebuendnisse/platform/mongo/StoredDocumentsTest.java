package de.lokalebuendnisse.platform.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredDocumentsTest {

    @TempDir
    Path folder;

    private final StoredDocuments type = new StoredDocuments();

    @Test
    void a_document_of_every_value_the_wire_carries_is_written_as_bson_and_read_back_equal() {
        Document nested = new Document("name", "Stadtwerke").append("type", "COMPANY");
        Document document = new Document("_id", "lbf-nw-1")
                .append("text", "Bündnis für Familie Hamm")
                .append("int", 41).append("long", 7_000_000_000L).append("double", 3.25).append("negativeZero", -0.0)
                .append("true", true).append("null", null)
                .append("instant", Instant.ofEpochMilli(1_733_400_000_123L))
                .append("objectId", new ObjectId()).append("uuid", UUID.randomUUID())
                .append("decimal", new Decimal128(new BigDecimal("2.99")))
                .append("binary", new BinData(new byte[] {1, 2, 3}))
                .append("list", new ArrayList<>(List.of("2023/24", 2, nested)))
                .append("partners", new Document("p1", nested).append("p2", new Document("name", "Kita")));

        ByteBuffer stored = written(document);

        assertThat(stored.get(0)).isEqualTo(StoredDocuments.BSON);
        Document read = type.read(stored);
        assertThat(read).isEqualTo(document);
        assertThat(new ArrayList<>(read.keySet())).as("field order").isEqualTo(new ArrayList<>(document.keySet()));
        assertThat(read.get("long")).isInstanceOf(Long.class);
        assertThat(stored.remaining()).as("the value read to its end, nothing more").isZero();
    }

    @Test
    void a_document_bson_would_change_is_written_the_old_way_and_read_back_equal() {
        for (Object value : List.of(Instant.ofEpochSecond(1_733_400_000L, 123_456), new TreeSet<>(Set.of("a", "b")),
                new HashMap<>(Map.of("a", 1)), 2.5f, new Date(0),
                new Document("deep", List.of(new Document("short", (short) 3))))) {
            Document document = new Document("_id", "x").append("value", value);

            ByteBuffer stored = written(document);

            assertThat(stored.get(0)).as("tag for %s", value.getClass()).isNotEqualTo(StoredDocuments.BSON);
            assertThat(type.read(stored)).isEqualTo(document);
        }
    }

    @Test
    void a_value_h2_wrote_the_old_way_is_still_read() {
        Document document = new Document("_id", "old").append("n", 1).append("sub", new Document("a", List.of(1, 2)));
        WriteBuffer buffer = new WriteBuffer();
        new ObjectDataType().write(buffer, document);
        ByteBuffer stored = buffer.getBuffer().flip();

        assertThat(type.read(stored)).isEqualTo(document);
    }

    @Test
    void a_file_the_stock_backend_wrote_is_read_updated_and_reopened_by_the_durable_backend() {
        String file = folder.resolve("old.mv").toString();
        DurableH2BackendTest.withServer(new H2Backend(file), collection -> {
            for (int i = 0; i < 50; i++) {
                collection.insertOne(new org.bson.Document("_id", "d" + i).append("n", i)
                        .append("partners", new org.bson.Document("p" + i, "Kita " + i)));
            }
        });

        DurableH2BackendTest.withServer(new DurableH2Backend(file), collection -> {
            assertThat(collection.countDocuments()).isEqualTo(50);
            assertThat(collection.find(Filters.eq("_id", "d7")).first()).containsEntry("n", 7);
            collection.updateOne(Filters.eq("_id", "d7"), Updates.set("partners.q", "Schule"));
            collection.insertOne(new org.bson.Document("_id", "new").append("n", 50));
        });

        DurableH2BackendTest.withServer(new DurableH2Backend(file), collection -> {
            assertThat(collection.countDocuments()).isEqualTo(51);
            assertThat(collection.find(Filters.eq("_id", "d7")).first().get("partners", org.bson.Document.class))
                    .containsEntry("p7", "Kita 7").containsEntry("q", "Schule");
            assertThat(collection.find(Filters.eq("_id", "d8")).first()).containsEntry("n", 8);
            assertThat(collection.find(Filters.eq("_id", "new")).first()).containsEntry("n", 50);
        });
    }

    @Test
    void the_durable_backend_keeps_its_documents_as_bson_which_the_stock_type_cannot_read() {
        String file = folder.resolve("new.mv").toString();
        DurableH2BackendTest.withServer(new DurableH2Backend(file), collection -> collection.insertOne(
                new org.bson.Document("_id", "one").append("n", 1)));

        MVStore store = new MVStore.Builder().fileName(file).readOnly().open();
        try {
            MVMap<Object, Document> asBson = store.openMap("databases.db.c",
                    new MVMap.Builder<Object, Document>().valueType(new StoredDocuments()));
            assertThat(asBson.values()).singleElement().satisfies(d -> assertThat(d).containsEntry("n", 1));
        } finally {
            store.close();
        }
        MVStore stock = new MVStore.Builder().fileName(file).readOnly().open();
        try {
            assertThatThrownBy(() -> stock.openMap("databases.db.c").values().forEach(value -> { }))
                    .as("a downgrade to the stock backend cannot read this file")
                    .hasMessageContaining("Unsupported type");
        } finally {
            stock.close();
        }
    }

    /**
     * H2's page cache counts documents by this estimate only; a fixed guess of 1 KB let it hold about 25 times its
     * 16 MB, and the query service could not open its file at 24,000 directory documents in a 160 MB heap.
     */
    @Test
    void the_heap_a_document_takes_is_estimated_within_a_factor_of_two_of_what_it_takes() throws Exception {
        Document partners = new Document();
        for (int i = 0; i < 41; i++) {
            partners.append("p-" + UUID.randomUUID(), new Document("name", "Partnerorganisation Nummer " + i)
                    .append("type", "COMPANY"));
        }
        Document document = new Document("_id", "lbf-nw-12").append("name", "Lokales Bündnis für Familie Hamm")
                .append("bundesland", "DE-NW").append("registered", true).append("partnerCount", 41)
                .append("fieldsOfAction", new ArrayList<>(List.of("FAMILY_TIME", "CHILD_CARE")))
                .append("partners", partners);
        ByteBuffer stored = written(document);
        int copies = 2_000;
        Object[] kept = new Object[copies];

        long before = usedHeapAfterCollection();
        for (int i = 0; i < copies; i++) {
            kept[i] = type.read(stored.duplicate());
        }
        long perDocument = (usedHeapAfterCollection() - before) / copies;

        int estimate = type.getMemory(document);
        System.out.printf("a document of %d BSON bytes: %d bytes in the heap, estimated %d%n", stored.remaining(),
                perDocument, estimate);
        assertThat(kept).doesNotContainNull();
        assertThat((double) estimate).isBetween(perDocument * 0.5, perDocument * 2.0);
    }

    private static long usedHeapAfterCollection() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private ByteBuffer written(Document document) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, document);
        return buffer.getBuffer().flip();
    }
}
