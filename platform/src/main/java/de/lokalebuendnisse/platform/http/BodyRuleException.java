package de.lokalebuendnisse.platform.http;

import de.lokalebuendnisse.kernel.common.Refusal;

/** The request's body or content type is not what the endpoint takes; answered with its status (400, 413, 415). */
public final class BodyRuleException extends RuntimeException {

    private final int status;
    private final transient Refusal.Reason reason;

    public BodyRuleException(int status, String field, String rule, String detail) {
        super(rule + ": " + detail);
        this.status = status;
        this.reason = new Refusal.Reason(field, rule, detail);
    }

    public int status() {
        return status;
    }

    public Refusal.Reason reason() {
        return reason;
    }
}
