package de.lokalebuendnisse.platform.projection;

import java.time.Instant;

/**
 * Where a projection stands.
 *
 * @param position    the event-store position up to which every event is in its documents (-1: none yet)
 * @param head        the position of the newest event in the store
 * @param lag         events it still has to process
 * @param deadLetters events it could not process, waiting in its dead-letter queue
 * @param rebuild     the last rebuild started since this service started, or one an earlier process left
 *                    unfinished; null when none was
 */
public record ProjectionState(String name,
                              boolean running,
                              boolean error,
                              String errorDetail,
                              boolean replaying,
                              long position,
                              long head,
                              long lag,
                              long deadLetters,
                              RebuildProgress rebuild) {

    /**
     * @param eventsDone    positions replayed so far (in the embedded store a position is one event, apart from the
     *                      rare gap a rolled-back write leaves)
     * @param eventsTotal   the head of the store when the rebuild started
     * @param eventsPerSecond the mean rate since the start
     * @param secondsLeft   estimated; null until a rate is known
     */
    public record RebuildProgress(Instant startedAt,
                                  boolean finished,
                                  long eventsDone,
                                  long eventsTotal,
                                  double eventsPerSecond,
                                  Long secondsLeft) {
    }
}
