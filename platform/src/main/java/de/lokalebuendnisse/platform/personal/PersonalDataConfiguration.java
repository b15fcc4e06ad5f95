package de.lokalebuendnisse.platform.personal;

import com.mongodb.client.MongoClient;
import de.lokalebuendnisse.platform.jdbc.EmbeddedPools;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
     * The embedded key store on a small pool of its own. The pool is no bean: the event store's is the service's one
     * {@code DataSource}, and a second would leave every injection by type ambiguous.
     */
    @Bean(destroyMethod = "close")
    @Conditional(NoMongoUriConfigured.class)
    public JdbcPersonKeys embeddedPersonKeys(PersonalDataProperties properties) {
        if (properties.jdbcUrl() == null || properties.jdbcUrl().isBlank()) {
            throw new IllegalStateException("lbf.personal.jdbc-url is not set (each service's application.yml sets it)");
        }
        return new JdbcPersonKeys(EmbeddedPools.open(properties.jdbcUrl(), properties.username(),
                properties.password(), 2, "person-keys"));
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
