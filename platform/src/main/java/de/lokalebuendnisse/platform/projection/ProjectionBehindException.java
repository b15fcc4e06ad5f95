package de.lokalebuendnisse.platform.projection;

/** The projection has not reached the position a query asked for within the wait; the caller retries. */
public class ProjectionBehindException extends RuntimeException {

    private final String projection;
    private final long requested;
    private final long reached;

    /** @param why what is still missing, from {@link de.lokalebuendnisse.platform.positions.StoreGaps#behind} */
    public ProjectionBehindException(String projection, long requested, long reached, String why) {
        super("projection " + projection + " has not yet handled every event up to position " + requested + ": "
                + why);
        this.projection = projection;
        this.requested = requested;
        this.reached = reached;
    }

    public String projection() {
        return projection;
    }

    public long requested() {
        return requested;
    }

    public long reached() {
        return reached;
    }
}
