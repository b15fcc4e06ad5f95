package de.lokalebuendnisse.platform.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.BsonDocument;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stand-in (in memory) and a driver that records every command it sends, for tests of what a query asks the store:
 * the stand-in answers some queries by collecting whole collections, so bounds are asserted on the commands.
 */
public final class RecordingMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final List<BsonDocument> commands = new CopyOnWriteArrayList<>();
    private final MongoClient client;

    public RecordingMongo() {
        InetSocketAddress address = server.bind();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.add(event.getCommand().clone());
                    }
                })
                .build());
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** Every command sent so far, in order; clear it to record from a point on. */
    public List<BsonDocument> commands() {
        return commands;
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
