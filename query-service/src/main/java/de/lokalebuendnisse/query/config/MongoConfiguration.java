package de.lokalebuendnisse.query.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The query side's MongoDB: the projections' documents, their tracking tokens and their dead letters, in one
 * database. With no {@code lbf.mongo.uri} an in-process mongo-java-server with its H2 file backend stands in,
 * reached through the real driver over loopback (a file of its own, apart from the command side's).
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    /** The stand-in; started only when no MongoDB URI is configured. */
    public static final class EmbeddedMongo implements AutoCloseable {

        private final MongoServer server;
        private final String connectionString;

        EmbeddedMongo(Path file, int port) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder of " + file, e);
            }
            this.server = new MongoServer(new DurableH2Backend(file.toString()));
            server.bind("127.0.0.1", port);
            this.connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            log.info("Embedded MongoDB stand-in (mongo-java-server, H2 file {}) listening at {}", file, connectionString);
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
    public EmbeddedMongo embeddedMongo(QueryProperties properties) {
        String file = properties.mongo().embeddedFile() != null
                ? properties.mongo().embeddedFile()
                : properties.dataDir() + "/query-mongo.mv";
        return new EmbeddedMongo(Path.of(file), properties.mongo().embeddedPort());
    }

    @Bean(destroyMethod = "close")
    public MongoClient mongoClient(QueryProperties properties, ObjectProvider<EmbeddedMongo> embedded) {
        String uri = properties.mongo().uri().isBlank()
                ? embedded.getObject().connectionString()
                : properties.mongo().uri();
        return MongoClients.create(uri);
    }

    @Bean
    public MongoDatabase queryDatabase(MongoClient client, QueryProperties properties) {
        return client.getDatabase(properties.mongo().database());
    }
}
