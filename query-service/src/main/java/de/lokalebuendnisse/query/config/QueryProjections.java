package de.lokalebuendnisse.query.config;

import de.lokalebuendnisse.platform.projection.ProjectionGroups;
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
        // the directory writes only through its batched collections; the others also write directly in their handlers
        return ProjectionGroups.of(DIRECTORY, ELIGIBILITY, SEAL_REGISTER).withReplayWindows(DIRECTORY);
    }
}
