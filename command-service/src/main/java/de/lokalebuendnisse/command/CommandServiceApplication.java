package de.lokalebuendnisse.command;

import de.lokalebuendnisse.command.surveyimport.SurveyImportCommandLine;
import de.lokalebuendnisse.platform.eventstore.AppendingEventStoreConfiguration;
import de.lokalebuendnisse.platform.http.HttpBoundaryConfiguration;
import de.lokalebuendnisse.platform.mongo.MongoConfiguration;
import de.lokalebuendnisse.platform.personal.PersonalDataConfiguration;
import de.lokalebuendnisse.platform.positions.EventPositionsConfiguration;
import de.lokalebuendnisse.platform.security.SecurityConfiguration;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
// the infrastructure shared with the other service (module platform); this side appends to the embedded event store
// and seals contact persons' data with their keys
@Import({HttpBoundaryConfiguration.class, SecurityConfiguration.class, AxonSerializationConfiguration.class,
        MongoConfiguration.class, AppendingEventStoreConfiguration.class, EventPositionsConfiguration.class,
        PersonalDataConfiguration.class})
@ConfigurationPropertiesScan
public class CommandServiceApplication {

    /**
     * Starts the service; the first argument {@code import-survey} runs the survey import's command line instead, a
     * client of a running service ({@link SurveyImportCommandLine}).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(SurveyImportCommandLine.NAME)) {
            System.exit(SurveyImportCommandLine.run(args, System.getenv(SurveyImportCommandLine.TOKEN_VARIABLE),
                    System.out, System.err));
        }
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
