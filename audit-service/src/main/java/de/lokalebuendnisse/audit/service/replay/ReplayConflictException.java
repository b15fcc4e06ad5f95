package de.lokalebuendnisse.audit.service.replay;

/** A replay request that conflicts with what runs: a second start, or a report asked for before it exists. */
public class ReplayConflictException extends RuntimeException {

    private final String field;
    private final String rule;

    public ReplayConflictException(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
