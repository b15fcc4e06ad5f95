package de.lokalebuendnisse.platform.mongo;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The MongoDB stand-in's H2 file backend, made durable: mongo-java-server's own backend leaves writes in memory
 * until MVStore's background writer stores them (about a second later), so a {@code kill -9} lost the idempotency
 * records of requests already answered (command side) or the record that a rebuild had started while its documents
 * were already gone (query side). Here every command that changed data is written to the file before its
 * reply goes out, as a MongoDB with journaled writes does. The background writer stays on for compaction.
 * <p>
 * Written to the operating system, not synced to the disk: it survives the death of the process, not a power loss
 * (the README says so).
 */
final class DurableH2Backend extends H2Backend {

    DurableH2Backend(String file) {
        super(new MVStore.Builder().fileName(file).open());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            MVStore store = getMvStore();
            if (store.hasUnsavedChanges()) {
                store.commit();
            }
        }
    }
}
