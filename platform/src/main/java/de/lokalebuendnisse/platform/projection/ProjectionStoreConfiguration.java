package de.lokalebuendnisse.platform.projection;

import com.mongodb.client.MongoClient;
import de.lokalebuendnisse.platform.PlatformProperties;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where projections keep their tracking tokens (and, through the same template, their dead letters): in the read
 * side's own MongoDB database, beside their documents. Also what reads those tokens without running a processor
 * (the auditors' command line) needs.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionStoreConfiguration {

    @Bean
    public MongoTemplate axonMongoTemplate(MongoClient mongoClient, PlatformProperties properties) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(mongoClient, properties.mongo().database())
                .build();
    }

    /** Holds back the tokens of a replay window's projection until its documents are written ({@link ReplayWindows}). */
    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer,
                                 ObjectProvider<ReplayWindows> windows) {
        return windows.getIfAvailable(ReplayWindows::none).deferringTokens(MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .build());
    }
}
