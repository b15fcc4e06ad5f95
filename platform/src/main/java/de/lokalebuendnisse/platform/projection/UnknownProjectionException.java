package de.lokalebuendnisse.platform.projection;

import de.lokalebuendnisse.kernel.common.Excerpt;

public class UnknownProjectionException extends RuntimeException {

    private final String projection;

    public UnknownProjectionException(String projection) {
        super("no projection is named " + Excerpt.of(projection));
        this.projection = projection;
    }

    public String projection() {
        return projection;
    }
}
