package de.lokalebuendnisse.query.eligibility;

import de.lokalebuendnisse.kernel.eligibility.EligibilityEntry;
import de.lokalebuendnisse.kernel.eligibility.EligibilityOverview;
import de.lokalebuendnisse.kernel.eligibility.FindEligibilityEntryQuery;
import de.lokalebuendnisse.kernel.eligibility.FindEligibilityQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Answers the eligibility queries from the projection's documents; empty when the period or entry is unknown. */
@Component
public class EligibilityQueryHandler {

    private final EligibilityDocuments documents;

    public EligibilityQueryHandler(EligibilityDocuments documents) {
        this.documents = documents;
    }

    @QueryHandler
    public Optional<EligibilityOverview> handle(FindEligibilityQuery query) {
        return documents.overview(query);
    }

    @QueryHandler
    public Optional<EligibilityEntry> handle(FindEligibilityEntryQuery query) {
        return documents.entry(query.period(), query.buendnisId());
    }
}
