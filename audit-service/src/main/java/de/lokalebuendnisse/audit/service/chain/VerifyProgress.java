package de.lokalebuendnisse.audit.service.chain;

/**
 * How far a verification has come.
 *
 * @param eventsTotal the position of the newest stored event when the verification started
 * @param secondsLeft estimated from the rate and the positions still ahead; null before a rate is known
 */
public record VerifyProgress(long eventsDone, long eventsTotal, double eventsPerSecond, Long secondsLeft,
                             boolean finished) {

    /** One line for a log or a terminal. */
    public String line() {
        return "verify: " + eventsDone + " of " + eventsTotal + " events (" + eventsPerSecond + " events/s, "
                + (finished ? "done" : "about " + (secondsLeft == null ? "?" : secondsLeft) + " s left") + ")";
    }
}
