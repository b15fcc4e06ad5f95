package de.lokalebuendnisse.query;

import de.lokalebuendnisse.platform.eventstore.ReadingEventStoreConfiguration;
import de.lokalebuendnisse.platform.http.HttpBoundaryConfiguration;
import de.lokalebuendnisse.platform.mongo.MongoConfiguration;
import de.lokalebuendnisse.platform.positions.EventPositionsConfiguration;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import de.lokalebuendnisse.query.audit.cli.AuditCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import java.util.Arrays;

@SpringBootApplication
// the infrastructure shared with the other service (module platform); this side reads the embedded event store
@Import({HttpBoundaryConfiguration.class, AxonSerializationConfiguration.class, MongoConfiguration.class,
        ReadingEventStoreConfiguration.class, EventPositionsConfiguration.class})
@ConfigurationPropertiesScan
public class QueryServiceApplication {

    /** Starts the service; {@code audit <command> …} runs an auditor command instead (see AuditCommandLine). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("audit")) {
            System.exit(AuditCommandLine.run(QueryServiceApplication.class,
                    Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
