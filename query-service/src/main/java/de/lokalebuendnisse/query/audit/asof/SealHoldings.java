package de.lokalebuendnisse.query.audit.asof;

import de.lokalebuendnisse.kernel.audit.asof.SealHolding;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The seals of one period held at an instant: its grants minus its revocations, from its stream cut there. */
final class SealHoldings {

    private SealHoldings() {
    }

    /** By alliance id. */
    static List<SealHolding> of(AwardPeriod period, List<DomainEventMessage<?>> periodStream) {
        SortedMap<BuendnisId, SealHolding> held = new TreeMap<>();
        for (DomainEventMessage<?> event : periodStream) {
            if (event.getPayload() instanceof SealGranted granted) {
                held.put(granted.buendnisId(), new SealHolding(period, granted.buendnisId(), granted.sealName(),
                        granted.evidence().basis(), event.getTimestamp(), granted.atCeremony(), period.validThrough()));
            } else if (event.getPayload() instanceof SealRevoked revoked) {
                held.remove(revoked.buendnisId());
            }
        }
        return List.copyOf(held.values());
    }
}
