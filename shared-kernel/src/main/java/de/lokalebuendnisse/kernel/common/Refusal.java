package de.lokalebuendnisse.kernel.common;

import java.util.List;

/**
 * Why a command was refused: the kind decides the HTTP status, each reason names the field and the rule. Travels
 * as the details of a command execution exception, also across Axon Server.
 */
public record Refusal(Kind kind, List<Reason> reasons) {

    public enum Kind {
        /** The input is malformed or breaks a rule of the value itself. */
        INVALID,
        /** The command's target or a referenced thing does not exist. */
        NOT_FOUND,
        /** The command collides with what is already recorded (duplicate, concurrent change). */
        CONFLICT,
        /** A domain rule refused the command. */
        RULE_VIOLATED
    }

    /** @param field the command field concerned; {@code null} when the rule concerns the target as a whole */
    public record Reason(String field, String rule, String detail) {
    }

    public Refusal {
        reasons = List.copyOf(reasons);
    }

    public String summary() {
        StringBuilder text = new StringBuilder();
        for (Reason reason : reasons) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(reason.rule()).append(": ").append(reason.detail());
        }
        return text.toString();
    }
}
