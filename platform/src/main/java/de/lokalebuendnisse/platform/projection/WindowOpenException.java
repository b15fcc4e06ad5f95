package de.lokalebuendnisse.platform.projection;

/**
 * A dead-letter retry asked for while the projection's replay or catch-up window holds writes not yet made, for longer
 * than the retry waits.
 */
public class WindowOpenException extends RuntimeException {

    public WindowOpenException(String projection) {
        super("projection " + projection + " holds a window of writes not yet made (a rebuild or a catch-up far behind"
                + " the head) and did not write them in time; retry its dead letters in a few seconds");
    }
}
