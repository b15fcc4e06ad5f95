package de.lokalebuendnisse.platform.mongo;

import com.mongodb.client.MongoCollection;
import de.lokalebuendnisse.platform.testing.RecordingMongo;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emptying a collection never asks the store for more than a chunk of documents: every find names at most a chunk of
 * ids, every delete removes them by {@code _id $in}; the stand-in would otherwise collect the whole collection.
 */
class ChunkedDeletesTest {

    private final RecordingMongo mongo = new RecordingMongo();
    private final List<BsonDocument> commands = mongo.commands();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void aCollectionOfManyChunksIsEmptiedAChunkAtATime() {
        MongoCollection<Document> collection = mongo.database("test").getCollection("items");
        List<Document> documents = new ArrayList<>();
        int count = ChunkedDeletes.CHUNK * 2 + 17;
        for (int i = 0; i < count; i++) {
            documents.add(new Document("_id", "item-" + i).append("payload", "x".repeat(100)));
        }
        collection.insertMany(documents);
        commands.clear();

        assertThat(ChunkedDeletes.deleteAll(collection)).isEqualTo(count);

        assertThat(collection.countDocuments()).isZero();
        List<BsonDocument> finds = commands.stream().filter(command -> command.containsKey("find")).toList();
        List<BsonDocument> deletes = commands.stream().filter(command -> command.containsKey("delete")).toList();
        assertThat(finds).hasSize(4).allSatisfy(find -> {
            assertThat(find.getInt32("limit").getValue()).isEqualTo(ChunkedDeletes.CHUNK);
            assertThat(find.getDocument("projection")).isEqualTo(BsonDocument.parse("{_id: 1}"));
        });
        assertThat(deletes).hasSize(3).allSatisfy(delete -> {
            BsonDocument filter = delete.getArray("deletes").get(0).asDocument().getDocument("q");
            assertThat(filter.getDocument("_id").getArray("$in").size()).isBetween(1, ChunkedDeletes.CHUNK);
        });
    }

    @Test
    void anEmptyCollectionIsLeftAsItIs() {
        MongoCollection<Document> collection = mongo.database("test").getCollection("nothing");
        assertThat(ChunkedDeletes.deleteAll(collection)).isZero();
        assertThat(commands.stream().filter(command -> command.containsKey("delete"))).isEmpty();
    }
}
