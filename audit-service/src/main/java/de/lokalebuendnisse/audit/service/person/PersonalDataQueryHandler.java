package de.lokalebuendnisse.audit.service.person;

import de.lokalebuendnisse.kernel.audit.FindPersonalDataQuery;
import de.lokalebuendnisse.kernel.audit.PersonalDataReport;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Answers {@link FindPersonalDataQuery} from the event store; only in the service, as the as-of answers. */
@Component
public class PersonalDataQueryHandler {

    private final PersonalDataReader reader;

    public PersonalDataQueryHandler(PersonalDataReader reader) {
        this.reader = reader;
    }

    @QueryHandler
    public Optional<PersonalDataReport> handle(FindPersonalDataQuery query) {
        return reader.read(query);
    }
}
