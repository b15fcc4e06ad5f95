package de.lokalebuendnisse.query.config;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.lokalebuendnisse.platform.mongo.MongoConfiguration;
import de.lokalebuendnisse.query.QueryServiceApplication;
import de.lokalebuendnisse.platform.projection.DeferringTokens;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile reads events from Axon Server and keeps projections and tokens in the configured MongoDB,
 * with none of the embedded parts. No Axon Server runs here, so this checks the wiring only: the context starts
 * while the connector keeps retrying, with the projections subscribing instead of streaming.
 */
class AxonServerProfileWiringTest {

    @Test
    void axonServerProfileReadsFromAxonServerAndKeepsTokensInTheConfiguredMongo() {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        String uri = mongo.bindAndGetConnectionString();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(QueryServiceApplication.class)
                .profiles("axonserver")
                .run("--server.port=0", "--axon.axonserver.servers=127.0.0.1:1", "--lbf.mongo.uri=" + uri,
                        "--lbf.data-dir=target/axonserver-profile-must-stay-empty",
                        // a streaming processor waits for the server to start; subscribing lets the context come up
                        "--axon.eventhandling.processors.directory.mode=subscribing",
                        "--axon.eventhandling.processors.eligibility.mode=subscribing",
                        "--axon.eventhandling.processors.seal-register.mode=subscribing")) {
            assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            // the directory's replay windows hold its token back until its documents are written
            assertThat(context.getBean(TokenStore.class)).isInstanceOfSatisfying(DeferringTokens.class,
                    tokens -> assertThat(tokens.delegate()).isInstanceOf(MongoTokenStore.class));
            assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
            assertThat(context.getBeansOfType(MongoConfiguration.EmbeddedMongo.class)).isEmpty();
        } finally {
            mongo.shutdownNow();
        }
    }
}
