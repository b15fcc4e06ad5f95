package de.lokalebuendnisse.query.projection;

/** The projection has not reached the position a query asked for within the wait; the caller retries. */
public class ProjectionBehindException extends RuntimeException {

    private final String projection;
    private final long requested;
    private final long reached;

    public ProjectionBehindException(String projection, long requested, long reached) {
        super("projection " + projection + " has reached position " + reached + ", not yet " + requested);
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
