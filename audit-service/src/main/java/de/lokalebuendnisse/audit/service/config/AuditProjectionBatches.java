package de.lokalebuendnisse.audit.service.config;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auditors' projections write each processor batch in one bulk write per collection
 * ({@link ProjectionBatchWrites}); the batch size is {@code axon.eventhandling.processors.<name>.batch-size} in
 * application.yml.
 */
@Configuration(proxyBeanMethods = false)
public class AuditProjectionBatches {

    @Bean
    public ProjectionBatchWrites projectionBatchWrites() {
        return new ProjectionBatchWrites();
    }

    @Bean
    ConfigurerModule auditProjectionBatchWrites(ProjectionBatchWrites batchWrites) {
        return configurer -> {
            for (String group : new String[] {AuditProjections.AUDIT_HISTORY, AuditProjections.AUDIT_CHAIN}) {
                configurer.eventProcessing().registerHandlerInterceptor(group, configuration -> batchWrites);
            }
        };
    }
}
