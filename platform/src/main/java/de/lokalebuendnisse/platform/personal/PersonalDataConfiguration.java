package de.lokalebuendnisse.platform.personal;

import com.mongodb.client.MongoClient;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The persons' keys and the cipher every service seals and opens personal data with. Like the event store the key
 * store has an embedded default and a production form: with no {@code lbf.mongo.uri} an H2 file of its own that the
 * services share ({@code lbf.personal.jdbc-url}); otherwise a database of its own on the service's MongoDB
 * ({@code lbf.personal.mongo-database}). Not each service's embedded Mongo stand-in: those are files of each
 * service's own, and the keys must be one set for all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataConfiguration {

    static final class NoMongoUriConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty("lbf.mongo.uri", "").isBlank();
        }
    }

    static final class MongoUriConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new NoMongoUriConfigured().matches(context, metadata);
        }
    }

    /**
     * The embedded key store's connections; kept apart from the event store's pool. No default candidate: the event
     * store's configurations take "the" data source by type, and must never be handed the key store's.
     */
    @Bean(destroyMethod = "close", defaultCandidate = false)
    @Conditional(NoMongoUriConfigured.class)
    public HikariDataSource personKeysDataSource(PersonalDataProperties properties) {
        if (properties.jdbcUrl() == null || properties.jdbcUrl().isBlank()) {
            throw new IllegalStateException("lbf.personal.jdbc-url is not set (each service's application.yml sets it)");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(properties.jdbcUrl());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(2);
        config.setAutoCommit(true);
        config.setPoolName("person-keys");
        return new HikariDataSource(config);
    }

    @Bean
    @Conditional(NoMongoUriConfigured.class)
    public PersonKeys embeddedPersonKeys(@Qualifier("personKeysDataSource") HikariDataSource personKeysDataSource) {
        return new JdbcPersonKeys(personKeysDataSource);
    }

    @Bean
    @Conditional(MongoUriConfigured.class)
    public PersonKeys mongoPersonKeys(MongoClient mongoClient, PersonalDataProperties properties) {
        return new MongoPersonKeys(mongoClient.getDatabase(properties.mongoDatabase()));
    }

    @Bean
    public PersonalDataCipher personalDataCipher(PersonKeys personKeys) {
        return new PersonalDataCipher(personKeys);
    }
}
