package de.lokalebuendnisse.query.projection;

public class UnknownProjectionException extends RuntimeException {

    private final String projection;

    public UnknownProjectionException(String projection) {
        super("no projection is named " + projection);
        this.projection = projection;
    }

    public String projection() {
        return projection;
    }
}
