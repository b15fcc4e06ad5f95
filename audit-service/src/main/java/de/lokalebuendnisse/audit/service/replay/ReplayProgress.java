package de.lokalebuendnisse.audit.service.replay;

/**
 * Where a replay stands.
 *
 * @param phase           {@code READING} the event store, {@code DIGESTING} the rebuilt history, {@code COMPARING}
 *                        it with the live one, {@code DONE}
 * @param eventsTotal     while reading, the head position taken at the start plus one: an upper bound of the events
 *                        to read (the embedded store counts from 1, Axon Server from 0, and a store may have gaps);
 *                        from the end of reading on, the events actually read
 * @param eventsPerSecond events read per second so far
 * @param secondsLeft     estimated from the rate; null before the rate is known
 */
public record ReplayProgress(String phase, long eventsDone, long eventsTotal, double eventsPerSecond,
                             Long secondsLeft) {

    public static final String READING = "READING";
    public static final String DIGESTING = "DIGESTING";
    public static final String COMPARING = "COMPARING";
    public static final String DONE = "DONE";

    /** One line for a terminal or a log. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "%s: %,d of %,d events, %,.0f events/s, %s left", phase,
                eventsDone, eventsTotal, eventsPerSecond, secondsLeft == null ? "?" : secondsLeft + " s");
    }
}
