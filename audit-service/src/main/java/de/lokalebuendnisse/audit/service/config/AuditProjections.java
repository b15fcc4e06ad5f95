package de.lokalebuendnisse.audit.service.config;

import de.lokalebuendnisse.platform.projection.ProjectionGroups;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The projections of the auditors' service, each its own processing group (settings in application.yml). */
@Configuration(proxyBeanMethods = false)
public class AuditProjections {

    /** The yearly audit history, which the history, its downloads, exports and replays read. */
    public static final String AUDIT_HISTORY = "audit-history";
    /** The fingerprint of every stored event, which the audit chain's verifier compares the store with. */
    public static final String AUDIT_CHAIN = "audit-chain";

    @Bean
    ProjectionGroups projectionGroups() {
        return ProjectionGroups.of(AUDIT_HISTORY, AUDIT_CHAIN);
    }
}
