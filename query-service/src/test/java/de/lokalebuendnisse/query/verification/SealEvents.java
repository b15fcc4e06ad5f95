package de.lokalebuendnisse.query.verification;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.VerificationCode;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Appends seal events to the event store directly, standing in for the command side; each grant's code is known. */
final class SealEvents {

    static final AwardPeriod PERIOD = AwardPeriod.of("2024/25");
    static final AwardCeremony CEREMONY = new AwardCeremony(LocalDate.of(2024, 11, 22), "Berlin");
    static final String SEAL_NAME = "Ausgezeichnetes Bündnis 2024/25";

    private final EventStore eventStore;
    private final Map<String, Long> sequences = new HashMap<>();

    SealEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    void openPeriod() {
        append("seal-award:" + PERIOD.label(), new AwardPeriodOpened(PERIOD, CampaignYear.of(2024), SEAL_NAME,
                CEREMONY, GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                AwardPeriod.of("2023/24"), List.of()));
    }

    void register(String id, String name, String ags, Bundesland land, String place) {
        append("buendnis:" + id, new BuendnisRegistered(BuendnisId.of(id), new BuendnisProfile(name,
                MunicipalityKey.of(ags), place, land, OrganisationForm.WORKING_GROUP, LocalDate.of(2005, 3, 15), null,
                Set.of(FieldOfAction.CHILD_CARE), Set.of())));
    }

    /** Granted at the ceremony through the survey; answers the grant's verification code. */
    VerificationCode grant(String id) {
        String identifier = append("seal-award:" + PERIOD.label(), new SealGranted(PERIOD, BuendnisId.of(id),
                SEAL_NAME, new GrantEvidence(GrantBasis.SURVEY, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, null, null, null, BuendnisStatus.ACTIVE), true, CEREMONY));
        return VerificationCode.ofGrantEvent(identifier);
    }

    void revoke(String id, String reason) {
        append("seal-award:" + PERIOD.label(), new SealRevoked(PERIOD, BuendnisId.of(id), reason, GrantBasis.SURVEY));
    }

    String append(String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        String type = aggregateId.startsWith("buendnis:") ? "Buendnis" : "SealAward";
        GenericDomainEventMessage<?> message = new GenericDomainEventMessage<>(type, aggregateId, sequence, payload);
        eventStore.publish(message);
        return message.getIdentifier();
    }
}
