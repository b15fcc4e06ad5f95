package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.audit.AuditHistoryPage;
import de.lokalebuendnisse.kernel.audit.FindAuditHistoryQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers pages of a year's audit history in event-store order, from the year's listing ({@link AuditListings}). */
@Component
public class AuditHistoryQueryHandler {

    private final AuditListings listings;

    public AuditHistoryQueryHandler(AuditListings listings) {
        this.listings = listings;
    }

    @QueryHandler
    public AuditHistoryPage handle(FindAuditHistoryQuery query) {
        long offset = (long) query.page() * query.size();
        AuditListings.Slice slice = listings.slice(AuditListings.ofYear(query.year()), offset, query.size());
        return new AuditHistoryPage(query.year(), slice.total(), query.page(), query.size(), slice.entries());
    }
}
