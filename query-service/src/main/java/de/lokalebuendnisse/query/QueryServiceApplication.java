package de.lokalebuendnisse.query;

import de.lokalebuendnisse.platform.eventstore.ReadingEventStoreConfiguration;
import de.lokalebuendnisse.platform.http.HttpBoundaryConfiguration;
import de.lokalebuendnisse.platform.mongo.MongoConfiguration;
import de.lokalebuendnisse.platform.personal.PersonalDataConfiguration;
import de.lokalebuendnisse.platform.positions.EventPositionsConfiguration;
import de.lokalebuendnisse.platform.projection.ReadSideConfiguration;
import de.lokalebuendnisse.platform.security.SecurityConfiguration;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

@SpringBootApplication
// the infrastructure shared with the other service (module platform); this side reads the embedded event store and
// opens contact persons' sealed details with the persons' keys (PersonalDataConfiguration)
@Import({HttpBoundaryConfiguration.class, SecurityConfiguration.class, AxonSerializationConfiguration.class,
        MongoConfiguration.class, ReadingEventStoreConfiguration.class, EventPositionsConfiguration.class,
        ReadSideConfiguration.class, PersonalDataConfiguration.class})
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
