package de.lokalebuendnisse.audit.service.explanation;

import de.lokalebuendnisse.kernel.eligibility.explanation.FindExplanationsQuery;
import de.lokalebuendnisse.kernel.eligibility.explanation.PeriodExplanations;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Answers {@link FindExplanationsQuery} from the event store. Only in the service: the auditors' command line reads
 * the same way but must not answer other services' queries when it is connected to Axon Server.
 */
@Component
public class ExplanationsQueryHandler {

    private final PeriodExplanationsReader reader;

    public ExplanationsQueryHandler(PeriodExplanationsReader reader) {
        this.reader = reader;
    }

    @QueryHandler
    public Optional<PeriodExplanations> handle(FindExplanationsQuery query) {
        return reader.read(query);
    }
}
