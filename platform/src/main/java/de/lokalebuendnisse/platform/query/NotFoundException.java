package de.lokalebuendnisse.platform.query;

/** The thing a query names is not in the projection (yet). */
public class NotFoundException extends RuntimeException {

    private final String field;

    public NotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
