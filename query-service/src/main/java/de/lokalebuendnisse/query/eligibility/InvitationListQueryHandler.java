package de.lokalebuendnisse.query.eligibility;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.eligibility.FindInvitationListQuery;
import de.lokalebuendnisse.kernel.eligibility.InvitationList;
import de.lokalebuendnisse.kernel.eligibility.Invitee;
import de.lokalebuendnisse.kernel.eligibility.InviteeContact;
import de.lokalebuendnisse.query.directory.PrimaryContacts;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The invitation list of a period: who is on it comes from the eligibility view (the period's fold), each primary
 * contact from the directory's sealed documents, opened here at read time. The answer holds personal data and is kept
 * nowhere.
 */
@Component
public class InvitationListQueryHandler {

    private final EligibilityDocuments documents;
    private final PrimaryContacts contacts;

    public InvitationListQueryHandler(EligibilityDocuments documents, PrimaryContacts contacts) {
        this.documents = documents;
        this.contacts = contacts;
    }

    @QueryHandler
    public Optional<InvitationList> handle(FindInvitationListQuery query) {
        return documents.period(query.period()).map(period -> {
            List<Invitee> invitees = documents.invitees(query.period());
            Map<BuendnisId, InviteeContact> primary = contacts.of(invitees.stream().map(Invitee::buendnisId).toList());
            return new InvitationList(period.period(), period.werkstaetten(), invitees.stream()
                    .map(i -> new Invitee(i.buendnisId(), i.name(), i.place(), i.bundesland(), i.basis(),
                            primary.get(i.buendnisId()), i.invitedOn(), i.channel()))
                    .toList());
        });
    }
}
