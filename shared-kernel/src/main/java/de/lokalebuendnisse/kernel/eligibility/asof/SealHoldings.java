package de.lokalebuendnisse.kernel.eligibility.asof;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.SealHolding;
import de.lokalebuendnisse.kernel.fold.RecordedEvent;
import de.lokalebuendnisse.kernel.fold.SealHolders;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;

import java.util.List;

/** The seals of one period held at an instant: its stream cut there, folded by the kernel's {@link SealHolders}. */
final class SealHoldings {

    private SealHoldings() {
    }

    /** By alliance id. */
    static List<SealHolding> of(AwardPeriod period, List<RecordedEvent> periodStream) {
        SealHolders holders = SealHolders.none(period);
        for (RecordedEvent recorded : periodStream) {
            if (recorded.payload() instanceof SealAwardEvent event) {
                holders = holders.evolve(event, recorded.timestamp());
            }
        }
        return holders.holdings();
    }
}
