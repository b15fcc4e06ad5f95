package de.lokalebuendnisse.platform.projection;

public class RebuildRunningException extends RuntimeException {

    public RebuildRunningException(String projection) {
        super("a rebuild of projection " + projection + " is running; wait until it has finished");
    }
}
