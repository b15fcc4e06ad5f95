package de.lokalebuendnisse.command.refusal;

import de.lokalebuendnisse.kernel.common.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;

import java.util.List;

/**
 * A command handler's refusal. Extends Axon's {@link CommandExecutionException} so the {@link Refusal} travels as
 * its details, whether the command ran locally or through Axon Server.
 */
public class CommandRefusedException extends CommandExecutionException {

    private final transient Refusal refusal;

    public CommandRefusedException(Refusal refusal) {
        super(refusal.summary(), null, refusal);
        this.refusal = refusal;
    }

    public static CommandRefusedException ruleViolated(List<Refusal.Reason> reasons) {
        return new CommandRefusedException(new Refusal(Refusal.Kind.RULE_VIOLATED, reasons));
    }

    public static CommandRefusedException ruleViolated(String field, String rule, String detail) {
        return ruleViolated(List.of(new Refusal.Reason(field, rule, detail)));
    }

    public static CommandRefusedException notFound(String field, String rule, String detail) {
        return new CommandRefusedException(new Refusal(Refusal.Kind.NOT_FOUND,
                List.of(new Refusal.Reason(field, rule, detail))));
    }

    public static CommandRefusedException conflict(String field, String rule, String detail) {
        return new CommandRefusedException(new Refusal(Refusal.Kind.CONFLICT,
                List.of(new Refusal.Reason(field, rule, detail))));
    }

    public Refusal refusal() {
        return refusal;
    }
}
