package de.lokalebuendnisse.command.refusal;

import de.lokalebuendnisse.kernel.common.Refusal;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every broken rule of one command, so a refusal names all of them at once rather than the first.
 */
public final class Rules {

    private final List<Refusal.Reason> broken = new ArrayList<>();

    public Rules check(boolean holds, String field, String rule, String detail) {
        if (!holds) {
            broken.add(new Refusal.Reason(field, rule, detail));
        }
        return this;
    }

    public Rules broken(String field, String rule, String detail) {
        broken.add(new Refusal.Reason(field, rule, detail));
        return this;
    }

    /** The rules broken so far, in the order they were checked. */
    public List<Refusal.Reason> broken() {
        return List.copyOf(broken);
    }

    public boolean allHold() {
        return broken.isEmpty();
    }

    /** Throws a 422-kind refusal naming every broken rule, if any. */
    public void enforce() {
        if (!broken.isEmpty()) {
            throw CommandRefusedException.ruleViolated(broken);
        }
    }
}
