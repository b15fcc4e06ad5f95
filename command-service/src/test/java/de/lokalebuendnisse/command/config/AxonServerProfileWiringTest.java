package de.lokalebuendnisse.command.config;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.lokalebuendnisse.platform.mongo.MongoConfiguration;
import de.lokalebuendnisse.command.CommandServiceApplication;
import de.lokalebuendnisse.command.audit.StoredHistory;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile wires Axon Server as event store and a configured MongoDB instead of the embedded parts.
 * No Axon Server runs here, so this checks the wiring only: the context starts while the connector keeps retrying,
 * with the award intake and the audit chain anchoring subscribing instead of streaming (a streaming processor asks
 * the server for a token).
 */
class AxonServerProfileWiringTest {

    @Test
    void axonServerProfileUsesAxonServerAndTheConfiguredMongoInsteadOfTheEmbeddedStores() {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        String uri = mongo.bindAndGetConnectionString();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandServiceApplication.class)
                .profiles("axonserver")
                // arguments, not default properties: the profile's own settings must yield to them as to env variables
                .run("--server.port=0", "--axon.axonserver.servers=127.0.0.1:1", "--lbf.mongo.uri=" + uri,
                        "--lbf.data-dir=target/axonserver-profile-must-stay-empty",
                        // a streaming processor needs the server to start; subscribing lets the context come up
                        "--axon.eventhandling.processors.award-intake.mode=subscribing",
                        "--axon.eventhandling.processors.audit-chain-anchoring.mode=subscribing")) {
            assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
            assertThat(context.getBeansOfType(MongoConfiguration.EmbeddedMongo.class)).isEmpty();
            // the audit chain reads the history through Axon Server's stream, not from a table
            assertThat(context.getBeansOfType(StoredHistory.class)).containsOnlyKeys("eventStoreStoredHistory");
            assertThat(context.getBean(StoredHistory.class)).hasToString("the stored history read from the event "
                    + "store's stream");
        } finally {
            mongo.shutdownNow();
        }
    }
}
