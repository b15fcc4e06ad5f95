package de.lokalebuendnisse.kernel.eligibility.asof;

import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.fold.AwardPeriodState;
import de.lokalebuendnisse.kernel.fold.RecordedEvent;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;

import java.util.List;

/**
 * What an award period had recorded by an instant: its own stream cut there, folded by the kernel's one fold of the
 * period ({@link AwardPeriodState}, the state the SealAward aggregate decides by and the eligibility view keeps), with
 * each event's sequence number and the instant it was recorded.
 */
final class PeriodAsOf {

    private PeriodAsOf() {
    }

    /**
     * @param events the period's stream from sequence 0, cut at the instant
     * @return {@link AwardPeriodState#opened()} false when the period had not been opened by then
     */
    static AwardPeriodState fold(AwardPeriod period, List<RecordedEvent> events) {
        AwardPeriodState state = AwardPeriodState.INITIAL;
        for (RecordedEvent recorded : events) {
            if (!(recorded.payload() instanceof SealAwardEvent event)) {
                continue;
            }
            if (!state.opened() && !(event instanceof AwardPeriodOpened)) {
                // the aggregate's first event is its opening; anything else first is a stream no command wrote
                throw new IllegalStateException("the stream of " + period + " does not start with its opening (found "
                        + event.getClass().getSimpleName() + " at sequence " + recorded.sequenceNumber() + ")");
            }
            state = state.evolve(event, recorded.sequenceNumber(), recorded.timestamp());
        }
        return state;
    }
}
