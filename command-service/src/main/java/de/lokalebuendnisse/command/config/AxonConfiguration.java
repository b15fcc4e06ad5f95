package de.lokalebuendnisse.command.config;

import com.mongodb.client.MongoClient;
import de.lokalebuendnisse.command.seal.AwardIntakeProcess;
import de.lokalebuendnisse.platform.PlatformProperties;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER_CLIENT;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER_ROLE;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER_SUBJECT;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CAUSATION_ID;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CORRELATION_ID;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.IDEMPOTENCY_KEY_HASH;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.PROCESS;

/**
 * Axon wiring of the command side: where process tokens live, what metadata travels from a request to every
 * event it causes (keys in the platform's {@code MetadataKeys}), and how the award intake process reacts to failures.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** Tokens of the command side's processes, in the same MongoDB as its other documents. */
    @Bean
    public TokenStore tokenStore(MongoClient mongoClient, PlatformProperties properties, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(mongoClient, properties.mongo().database())
                        .build())
                .serializer(serializer)
                .build();
    }

    /**
     * The verified caller of the request that started it all (name, subject, client, role), and the process that
     * acted on it, stay on what follows.
     */
    @Bean
    public CorrelationDataProvider callerProvider() {
        return new SimpleCorrelationDataProvider(CALLER, CALLER_SUBJECT, CALLER_CLIENT, CALLER_ROLE, PROCESS,
                IDEMPOTENCY_KEY_HASH);
    }

    /**
     * Each message names the one that caused it, and the request's correlation id is kept down the chain (or the
     * first message's id when there was none). Axon calls these its correlation and trace keys.
     */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider(CAUSATION_ID, CORRELATION_ID);
    }

    /**
     * The award intake process must not skip an event: a failure stops the segment and it retries with back-off,
     * from its stored token, instead of logging and moving on (Axon's default). It gets only events the store's file
     * holds (the storage engine's {@link de.lokalebuendnisse.platform.positions.StoreFence}).
     */
    @Bean
    public ConfigurerModule awardIntakeProcessing() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(AwardIntakeProcess.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                // its commands commit in their own transactions before the token moves on (see AwardIntakeProcess)
                .registerPooledStreamingEventProcessorConfiguration(AwardIntakeProcess.PROCESSING_GROUP,
                        (c, builder) -> builder.transactionManager(NoTransactionManager.instance()));
    }
}
