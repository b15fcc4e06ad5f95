package de.lokalebuendnisse.audit.service.explanation;

import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import de.lokalebuendnisse.kernel.eligibility.explanation.Explanation;
import de.lokalebuendnisse.kernel.eligibility.explanation.FindExplanationsQuery;
import de.lokalebuendnisse.kernel.eligibility.explanation.PeriodExplanations;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.audit.service.history.AsOfInstant;
import de.lokalebuendnisse.audit.service.cli.AuditCliCommand;
import de.lokalebuendnisse.audit.service.cli.CommandOptions;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code audit explain --period=<2024-25> [--at=<instant>] [--json]}: every grant, renewal and revocation explained. */
@Component
public class ExplainCliCommand implements AuditCliCommand {

    private final PeriodExplanationsReader reader;
    private final JsonMapper json;

    public ExplainCliCommand(PeriodExplanationsReader reader, JsonMapper json) {
        this.reader = reader;
        this.json = json;
    }

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String usage() {
        return "--period=<e.g. 2024-25> [--at=<ISO-8601 instant>] [--json]  every grant, renewal and revocation of "
                + "the period in the order recorded, with its rule, criteria and a German sentence";
    }

    @Override
    public int run(List<String> options, PrintStream out) {
        AwardPeriod period;
        Instant at;
        boolean asJson;
        try {
            CommandOptions parsed = CommandOptions.parse(options, Set.of("at", "period"), Set.of("json"));
            period = AwardPeriod.fromId(parsed.value("period"));
            at = parsed.value("at") == null ? null : AsOfInstant.parse(parsed.value("at"), Instant.now());
            asJson = parsed.flag("json");
        } catch (CommandOptions.UsageException e) {
            return usageError(out, e.getMessage());
        } catch (InvalidValueException e) {
            return usageError(out, "--" + e.field() + " " + e.detail() + " (" + e.rule() + ")");
        }
        Optional<PeriodExplanations> explanations = reader.read(new FindExplanationsQuery(period, at));
        if (explanations.isEmpty()) {
            out.println("explain: award period " + period.label() + (at == null ? " is not known" : " had not been "
                    + "opened by " + at) + ": no event of its stream " + period + " is recorded"
                    + (at == null ? "" : " up to then"));
            return 2;
        }
        if (asJson) {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(explanations.get()));
        } else {
            print(explanations.get(), out);
        }
        return 0;
    }

    private int usageError(PrintStream out, String message) {
        out.println("explain: " + message);
        out.println("usage: audit explain " + usage());
        return 2;
    }

    static void print(PeriodExplanations explanations, PrintStream out) {
        EventsConsidered stream = explanations.periodStream();
        out.println("Award period " + explanations.period().label() + " „" + explanations.sealName() + "“: "
                + explanations.explanations().size() + " grants, renewals and revocations");
        out.println("Events of " + stream.aggregateId() + " up to sequence " + stream.upToSequence() + " (recorded "
                + stream.lastEventAt() + ")" + (explanations.at() == null ? ""
                : "; cut at " + explanations.at() + ", " + stream.laterEvents() + " recorded later left out"));
        for (Explanation explanation : explanations.explanations()) {
            out.println();
            out.println(explanation.at() + "  " + explanation.kind() + "  " + explanation.buendnisId().value()
                    + "  (" + explanation.rule() + (explanation.basis() == null ? "" : ", " + explanation.basis())
                    + ")");
            out.println("  " + explanation.sentence());
            printBy(explanation, out);
        }
    }

    /** Who recorded the grant or revocation (and the grant revoked), when its event carries a verified identity. */
    public static void printBy(Explanation explanation, PrintStream out) {
        if (explanation.by() != null) {
            out.println("  recorded by " + explanation.by().label());
        }
        if (explanation.grantBy() != null) {
            out.println("  granted by " + explanation.grantBy().label());
        }
    }
}
