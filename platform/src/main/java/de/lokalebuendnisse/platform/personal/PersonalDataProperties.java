package de.lokalebuendnisse.platform.personal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the persons' keys are kept ({@code lbf.personal.*}).
 *
 * @param jdbcUrl       the embedded key store, an H2 file of its own that all three services open (AUTO_SERVER);
 *                      used when no {@code lbf.mongo.uri} is set
 * @param mongoDatabase the production key store's database on the service's MongoDB, apart from the service's own
 *                      data so that it can be backed up and access-controlled on its own
 */
@ConfigurationProperties(prefix = "lbf.personal")
public record PersonalDataProperties(String jdbcUrl,
                                     @DefaultValue("sa") String username,
                                     @DefaultValue("") String password,
                                     @DefaultValue("lbf-keys") String mongoDatabase) {
}
