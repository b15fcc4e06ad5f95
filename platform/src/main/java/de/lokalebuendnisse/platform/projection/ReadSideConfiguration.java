package de.lokalebuendnisse.platform.projection;

import de.lokalebuendnisse.platform.query.QueryProblems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Everything a service that keeps projections needs, wired once: how its processors run (tokens and dead letters in
 * MongoDB), operating them ({@code /api/admin/projections}), health and metrics, the consistency wait behind
 * {@code X-Event-Position} (parked off the server's threads, {@link ReadWaits}), and the problems a query answers
 * with. The service declares its {@link ProjectionGroups}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadSideProperties.class)
@Import({ProjectionProcessingConfiguration.class, Projections.class, RebuildRecords.class,
        ProjectionHealthIndicator.class, ProjectionMetrics.class, ProjectionAdminController.class,
        ProjectionProblems.class, QueryProblems.class})
public class ReadSideConfiguration {

    @Bean
    ReadWaits readWaits(Projections projections) {
        return new ReadWaits(projections);
    }

    @Bean
    ReadWaitResolver readWaitResolver(ReadWaits readWaits) {
        return new ReadWaitResolver(readWaits);
    }
}
