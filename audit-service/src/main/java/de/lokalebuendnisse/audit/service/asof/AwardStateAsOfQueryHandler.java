package de.lokalebuendnisse.audit.service.asof;

import de.lokalebuendnisse.kernel.eligibility.asof.AwardStateAsOf;
import de.lokalebuendnisse.kernel.eligibility.asof.FindAwardStateAsOfQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Answers {@link FindAwardStateAsOfQuery} from the event store. Only in the service: the auditors' command line
 * reads the same way but must not answer other services' queries when it is connected to Axon Server.
 */
@Component
public class AwardStateAsOfQueryHandler {

    private final AwardStateAsOfReader reader;

    public AwardStateAsOfQueryHandler(AwardStateAsOfReader reader) {
        this.reader = reader;
    }

    @QueryHandler
    public Optional<AwardStateAsOf> handle(FindAwardStateAsOfQuery query) {
        return reader.read(query);
    }
}
