package de.lokalebuendnisse.audit.service;

import de.lokalebuendnisse.audit.service.cli.AuditCommandLine;
import de.lokalebuendnisse.platform.eventstore.ReadingEventStoreConfiguration;
import de.lokalebuendnisse.platform.http.HttpBoundaryConfiguration;
import de.lokalebuendnisse.platform.mongo.MongoConfiguration;
import de.lokalebuendnisse.platform.positions.EventPositionsConfiguration;
import de.lokalebuendnisse.platform.projection.ReadSideConfiguration;
import de.lokalebuendnisse.platform.security.SecurityConfiguration;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import de.lokalebuendnisse.platform.personal.PersonalDataConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The auditors' deployable: the yearly audit history and its downloads, the chain's verification, replays, export
 * archives, answers as of an instant and explanations, over HTTP ({@code /api/audit/...}) and on the command line.
 * It reads the event store on its own and keeps its projections in a database of its own.
 */
@SpringBootApplication
// the infrastructure shared with the other services (module platform): this side reads the event store
@Import({HttpBoundaryConfiguration.class, SecurityConfiguration.class, AxonSerializationConfiguration.class,
        MongoConfiguration.class, ReadingEventStoreConfiguration.class, EventPositionsConfiguration.class,
        ReadSideConfiguration.class, PersonalDataConfiguration.class})
public class AuditServiceApplication {

    /**
     * Starts the service; a first argument that is no setting ({@code --…}) names an auditor command instead, which
     * runs without web server and projections (see {@link AuditCommandLineApplication}).
     */
    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("--")) {
            System.exit(AuditCommandLine.run(AuditCommandLineApplication.class, args, System.out, System.err));
        }
        SpringApplication.run(AuditServiceApplication.class, args);
    }
}
