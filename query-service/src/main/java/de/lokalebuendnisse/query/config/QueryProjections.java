package de.lokalebuendnisse.query.config;

import de.lokalebuendnisse.platform.projection.ProjectionGroups;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The projections of the query service, each its own processing group (settings in application.yml). */
@Configuration(proxyBeanMethods = false)
public class QueryProjections {

    public static final String DIRECTORY = "directory";
    public static final String ELIGIBILITY = "eligibility";
    public static final String SEAL_REGISTER = "seal-register";

    @Bean
    ProjectionGroups projectionGroups() {
        return ProjectionGroups.of(DIRECTORY, ELIGIBILITY, SEAL_REGISTER);
    }

    /** The projections that leave work to the end of a processor batch ({@link BatchEnd}). */
    @Bean
    ConfigurerModule batchEndOfTheProjections() {
        return configurer -> {
            for (String group : new String[] {ELIGIBILITY, SEAL_REGISTER}) {
                configurer.eventProcessing().registerHandlerInterceptor(group, c -> new BatchEnd());
            }
        };
    }
}
