package de.lokalebuendnisse.platform.query;

/**
 * The thing a query names is not in the projection (yet). An answer (404), not a fault: it carries no stack trace,
 * whose capture through the web, security and query layers made an unknown id dearer than a known one.
 */
public class NotFoundException extends RuntimeException {

    private final String field;

    public NotFoundException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
