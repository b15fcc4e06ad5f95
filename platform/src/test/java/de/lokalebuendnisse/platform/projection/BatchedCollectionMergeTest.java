package de.lokalebuendnisse.platform.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import de.lokalebuendnisse.platform.testing.ProjectionHarness;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch sends a document's consecutive upserts as one update only where the database gives the same: checked on
 * random sequences of the operators the projections use, on paths that nest, against the stand-in applying the same
 * upserts one by one.
 */
class BatchedCollectionMergeTest {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final String[] PATHS = {"a", "a.b", "a.c", "a.b.d", "b", "arr"};

    private final ProjectionHarness harness = new ProjectionHarness();
    private final MongoCollection<BsonDocument> documents =
            harness.database().getCollection("merged", BsonDocument.class);

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void mergedUpsertsLeaveEveryDocumentAsTheUpsertsOneByOneDo() {
        Random random = new Random(20261205);
        int upserts = 0;
        int writes = 0;
        for (int sequence = 0; sequence < 400; sequence++) {
            List<BsonDocument> updates = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                updates.add(randomUpdate(random));
            }
            BsonString oneByOne = new BsonString("one-by-one-" + sequence);
            BsonString merged = new BsonString("merged-" + sequence);
            if (random.nextBoolean()) {
                BsonDocument start = BsonDocument.parse("{a: {b: {d: 1}, c: 2}, b: 3, arr: [1, 2]}");
                documents.insertOne(start.clone().append("_id", oneByOne));
                documents.insertOne(start.clone().append("_id", merged));
            }
            for (BsonDocument update : updates) {
                documents.updateOne(Filters.eq("_id", oneByOne), update, UPSERT);
            }
            List<BsonDocument> sent = new ArrayList<>();
            for (BsonDocument update : updates) {
                if (sent.isEmpty() || !BatchedCollection.merge(sent.get(sent.size() - 1), update)) {
                    BsonDocument own = new BsonDocument();
                    BatchedCollection.merge(own, update);
                    sent.add(own);
                }
            }
            for (BsonDocument update : sent) {
                documents.updateOne(Filters.eq("_id", merged), update, UPSERT);
            }
            upserts += updates.size();
            writes += sent.size();

            assertThat(withoutId(documents.find(Filters.eq("_id", merged)).first()))
                    .as("%s merged into %s", updates, sent)
                    .isEqualTo(withoutId(documents.find(Filters.eq("_id", oneByOne)).first()));
        }
        assertThat(writes).as("writes sent for %d upserts", upserts).isLessThan(upserts * 3 / 4);
    }

    @Test
    void fiftyPartnersOfOneAllianceAreOneUpdate() {
        BsonDocument merged = new BsonDocument();
        for (int partner = 0; partner < 50; partner++) {
            BsonDocument update = BsonDocument.parse("{$set: {'partners.p" + partner + "': {name: 'P'}, count: "
                    + (partner + 1) + "}}");
            assertThat(BatchedCollection.merge(merged, update)).isTrue();
        }
        assertThat(merged.getDocument("$set")).hasSize(51);
        assertThat(merged.getDocument("$set").get("count")).isEqualTo(new BsonInt32(50));
    }

    @Test
    void aMergeThatCannotBeMadeLeavesTheEarlierUpdateAsItWas() {
        BsonDocument merged = BsonDocument.parse("{$set: {'a.b': 1}, $addToSet: {arr: 1}}");
        BsonDocument before = merged.clone();

        assertThat(BatchedCollection.merge(merged, BsonDocument.parse("{$set: {x: 1}, $pull: {arr: 1}}"))).isFalse();
        assertThat(BatchedCollection.merge(merged, BsonDocument.parse("{$unset: {'a.b': ''}}"))).isFalse();
        assertThat(BatchedCollection.merge(merged, BsonDocument.parse("{$set: {a: {}}}"))).isFalse();
        assertThat(merged).isEqualTo(before);
    }

    private static BsonDocument randomUpdate(Random random) {
        BsonDocument update = new BsonDocument();
        List<String> used = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            String path = PATHS[random.nextInt(PATHS.length)];
            if (used.stream().anyMatch(other -> other.equals(path) || other.startsWith(path + ".")
                    || path.startsWith(other + "."))) {
                continue; // one update naming conflicting paths is refused by MongoDB itself
            }
            used.add(path);
            String operator;
            BsonValue value;
            if (path.equals("arr")) {
                operator = switch (random.nextInt(4)) {
                    case 0 -> "$set";
                    case 1 -> "$unset";
                    case 2 -> "$addToSet";
                    default -> "$pull";
                };
                value = operator.equals("$set") ? new BsonArray(List.of(new BsonInt32(random.nextInt(3))))
                        : operator.equals("$unset") ? new BsonString("") : new BsonInt32(random.nextInt(3));
            } else {
                operator = random.nextInt(3) == 0 ? "$unset" : "$set";
                // a path's parents are documents in every value set here, so every sequence is one MongoDB accepts
                boolean parent = path.equals("a") || path.equals("a.b");
                value = operator.equals("$unset") ? new BsonString("")
                        : parent ? new BsonDocument("v", new BsonInt32(random.nextInt(3)))
                        : new BsonInt32(random.nextInt(3));
            }
            BsonValue fields = update.get(operator);
            if (fields == null) {
                fields = new BsonDocument();
                update.put(operator, fields);
            }
            fields.asDocument().put(path, value);
        }
        return update;
    }

    private static BsonDocument withoutId(BsonDocument document) {
        BsonDocument copy = document.clone();
        copy.remove("_id");
        return copy;
    }
}
