package de.lokalebuendnisse.query.config;

import com.mongodb.client.MongoClient;
import de.lokalebuendnisse.platform.PlatformProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * How the projections process events: each is a pooled streaming processor of its own processing group, keeps its
 * tracking tokens in the same MongoDB database as its documents (so a new database means a rebuild, never a
 * projection that silently skips its past), and sends an event its handler cannot process to a dead-letter queue
 * of its own. Dead letters are sequenced per aggregate: once an event of a Bündnis fails, later events of that
 * Bündnis wait behind it, while every other aggregate goes on.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionProcessingConfiguration {

    /** The processing groups of this service; each is one projection. */
    public static final String DIRECTORY = "directory";
    public static final String ELIGIBILITY = "eligibility";
    public static final String AUDIT_HISTORY = "audit-history";
    /** The fingerprint of every stored event, which the audit chain's verifier compares the store with. */
    public static final String AUDIT_CHAIN = "audit-chain";
    public static final List<String> PROJECTIONS = List.of(DIRECTORY, ELIGIBILITY, AUDIT_HISTORY, AUDIT_CHAIN);

    @Bean
    public MongoTemplate axonMongoTemplate(MongoClient mongoClient, PlatformProperties properties) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(mongoClient, properties.mongo().database())
                .build();
    }

    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .build();
    }

    @Bean
    public ConfigurerModule projectionProcessing(MongoTemplate axonMongoTemplate,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer) {
        return configurer -> {
            configurer.eventProcessing().usingPooledStreamingEventProcessors();
            for (String group : PROJECTIONS) {
                configurer.eventProcessing()
                        .registerSequencingPolicy(group, c -> SequentialPerAggregatePolicy.instance())
                        .registerDeadLetterQueue(group, c -> MongoSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .mongoTemplate(axonMongoTemplate)
                                .serializer(serializer)
                                .build());
            }
        };
    }
}
