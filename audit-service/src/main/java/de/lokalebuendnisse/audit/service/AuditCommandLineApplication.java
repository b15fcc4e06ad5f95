package de.lokalebuendnisse.audit.service;

import de.lokalebuendnisse.audit.service.asof.AsOfCliCommand;
import de.lokalebuendnisse.audit.service.asof.AwardStateAsOfReader;
import de.lokalebuendnisse.audit.service.chain.ChainRecords;
import de.lokalebuendnisse.audit.service.chain.ChainVerifier;
import de.lokalebuendnisse.audit.service.chain.StoredEvents;
import de.lokalebuendnisse.audit.service.chain.VerifyCliCommand;
import de.lokalebuendnisse.audit.service.explanation.ExplainCliCommand;
import de.lokalebuendnisse.audit.service.explanation.PeriodExplanationsReader;
import de.lokalebuendnisse.audit.service.history.EventHistory;
import de.lokalebuendnisse.audit.service.replay.AuditReplay;
import de.lokalebuendnisse.audit.service.replay.ReplayCliCommand;
import de.lokalebuendnisse.platform.eventstore.ReadingEventStoreConfiguration;
import de.lokalebuendnisse.platform.mongo.MongoConfiguration;
import de.lokalebuendnisse.platform.positions.EventPositionsConfiguration;
import de.lokalebuendnisse.platform.projection.ProjectionStoreConfiguration;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What the auditors' command line runs on: the event store, the readers and the commands, and nothing live (no web
 * server, no projections), so it can run beside the service on the same store. Composed here by name rather than
 * switched off by a property, so no bean of the service can start by accident. Deliberately no
 * {@code @Configuration}: the service's component scan must not pick it up, and tests find only the service.
 */
@EnableAutoConfiguration
@Import({AxonSerializationConfiguration.class, MongoConfiguration.class, ReadingEventStoreConfiguration.class,
        EventPositionsConfiguration.class, ProjectionStoreConfiguration.class,
        EventHistory.class, StoredEvents.class, ChainRecords.class, ChainVerifier.class, AuditReplay.class,
        AwardStateAsOfReader.class, PeriodExplanationsReader.class,
        AsOfCliCommand.class, ExplainCliCommand.class, VerifyCliCommand.class, ReplayCliCommand.class})
public class AuditCommandLineApplication {
}
