package de.lokalebuendnisse.platform.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.lokalebuendnisse.platform.PlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A service's MongoDB, one database ({@code lbf.mongo.database}): on the command side the tokens of its processes and
 * the idempotency records, on the query side the projections' documents, their tracking tokens and dead letters.
 * With no {@code lbf.mongo.uri} an in-process mongo-java-server with its H2 file backend stands in (a file of each
 * service's own, {@code lbf.mongo.embedded-file}), reached through the real driver over loopback; every write is in
 * the file before it is acknowledged ({@link DurableH2Backend}). With {@code lbf.mongo.embedded-in-memory} (a read
 * side may set it; no service does by default) it keeps its documents in memory instead, and the projections are
 * rebuilt at every start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlatformProperties.class)
public class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    /** The stand-in; started only when no MongoDB URI is configured. */
    public static final class EmbeddedMongo implements AutoCloseable {

        private final MongoServer server;
        private final String connectionString;

        EmbeddedMongo(Path file, int port, Duration retention, int compactFillRate, DataSize cacheSize) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder of " + file, e);
            }
            this.server = new MongoServer(new DurableH2Backend(file.toString(), retention, compactFillRate,
                    DurableH2Backend.cacheMegabytes(cacheSize)));
            server.bind("127.0.0.1", port);
            this.connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            log.info("Embedded MongoDB stand-in (mongo-java-server, H2 file {}) listening at {}", file, connectionString);
        }

        /** In memory only: the documents start empty at every start. */
        EmbeddedMongo(int port) {
            this.server = new MongoServer(new CopyOnUpdate.MemoryStandIn());
            server.bind("127.0.0.1", port);
            this.connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            log.info("Embedded MongoDB stand-in (mongo-java-server, in memory: the projections are rebuilt from the "
                    + "event store at every start) listening at {}", connectionString);
        }

        public String connectionString() {
            return connectionString;
        }

        @Override
        public void close() {
            server.shutdown();
        }
    }

    /** True when {@code lbf.mongo.uri} is empty or unset. */
    static final class NoMongoUriConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty("lbf.mongo.uri", "").isBlank();
        }
    }

    @Bean(destroyMethod = "close")
    @Conditional(NoMongoUriConfigured.class)
    public EmbeddedMongo embeddedMongo(PlatformProperties properties) {
        if (properties.mongo().embeddedInMemory()) {
            return new EmbeddedMongo(properties.mongo().embeddedPort());
        }
        String file = properties.mongo().embeddedFile();
        if (file == null) {
            throw new IllegalStateException("lbf.mongo.embedded-file is not set (each service's application.yml sets it)");
        }
        return new EmbeddedMongo(Path.of(file), properties.mongo().embeddedPort(),
                properties.mongo().embeddedRetention(), properties.mongo().embeddedCompactFillRate(),
                properties.mongo().embeddedCacheSize());
    }

    @Bean(destroyMethod = "close")
    public MongoClient mongoClient(PlatformProperties properties, ObjectProvider<EmbeddedMongo> embedded) {
        String uri = properties.mongo().uri().isBlank()
                ? embedded.getObject().connectionString()
                : properties.mongo().uri();
        return MongoClients.create(uri);
    }

    /** The service's database; the services inject it as {@code commandDatabase} or {@code queryDatabase}. */
    @Bean
    public MongoDatabase mongoDatabase(MongoClient client, PlatformProperties properties) {
        return client.getDatabase(properties.mongo().database());
    }
}
