package de.lokalebuendnisse.query.audit.explanation;

import de.lokalebuendnisse.kernel.audit.explanation.FindExplanationsQuery;
import de.lokalebuendnisse.kernel.audit.explanation.PeriodExplanations;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Answers {@link FindExplanationsQuery} from the event store. Only in the service: the auditors' command line reads
 * the same way but must not answer other services' queries when it is connected to Axon Server.
 */
@Component
@ConditionalOnProperty(name = "lbf.mode", havingValue = "service", matchIfMissing = true)
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
