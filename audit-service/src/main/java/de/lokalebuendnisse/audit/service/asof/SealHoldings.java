package de.lokalebuendnisse.audit.service.asof;

import de.lokalebuendnisse.kernel.audit.asof.SealHolding;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.fold.SealHolders;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.List;

/** The seals of one period held at an instant: its stream cut there, folded by the kernel's {@link SealHolders}. */
final class SealHoldings {

    private SealHoldings() {
    }

    /** By alliance id. */
    static List<SealHolding> of(AwardPeriod period, List<DomainEventMessage<?>> periodStream) {
        SealHolders holders = SealHolders.none(period);
        for (DomainEventMessage<?> message : periodStream) {
            if (message.getPayload() instanceof SealAwardEvent event) {
                holders = holders.evolve(event, message.getTimestamp());
            }
        }
        return holders.holdings();
    }
}
