package de.lokalebuendnisse.kernel.common;

/**
 * A value broke one of the rules that hold for it everywhere. Names the field and the rule so that the
 * web layer can answer with a precise problem detail.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;
    private final String rule;

    public InvalidValueException(String field, String rule, String message) {
        super(field + ": " + message);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }

    public String detail() {
        return getMessage().substring(field.length() + 2);
    }
}
