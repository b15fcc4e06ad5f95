package de.lokalebuendnisse.audit.service.asof;

import de.lokalebuendnisse.kernel.eligibility.asof.AllianceAsOf;
import de.lokalebuendnisse.kernel.eligibility.asof.AwardStateAsOf;
import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import de.lokalebuendnisse.kernel.eligibility.asof.FindAwardStateAsOfQuery;
import de.lokalebuendnisse.kernel.eligibility.SealHolding;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCounts;
import de.lokalebuendnisse.kernel.eligibility.EligibilityRules;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.eligibility.MissingCriterion;
import de.lokalebuendnisse.audit.service.history.AsOfInstant;
import de.lokalebuendnisse.audit.service.cli.AuditCliCommand;
import de.lokalebuendnisse.audit.service.cli.CommandOptions;
import de.lokalebuendnisse.audit.service.explanation.ExplainCliCommand;
import de.lokalebuendnisse.kernel.eligibility.explanation.Explanations;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code audit as-of --at=<instant> --period=<2024-25> [--json]}: the as-of answer on the command line. */
@Component
public class AsOfCliCommand implements AuditCliCommand {

    private final AwardStateAsOfReader reader;
    private final JsonMapper json;

    public AsOfCliCommand(AwardStateAsOfReader reader, JsonMapper json) {
        this.reader = reader;
        this.json = json;
    }

    @Override
    public String name() {
        return "as-of";
    }

    @Override
    public String usage() {
        return "--at=<ISO-8601 instant> --period=<e.g. 2024-25> [--json]  an award period as of a past instant: "
                + "who was eligible, missing what, granted or revoked, with explanations; the seals held then";
    }

    @Override
    public int run(List<String> options, PrintStream out) {
        Instant at;
        AwardPeriod period;
        boolean asJson;
        try {
            CommandOptions parsed = CommandOptions.parse(options, Set.of("at", "period"), Set.of("json"));
            at = AsOfInstant.parse(parsed.value("at"), Instant.now());
            period = AwardPeriod.fromId(parsed.value("period"));
            asJson = parsed.flag("json");
        } catch (CommandOptions.UsageException e) {
            return usageError(out, e.getMessage());
        } catch (InvalidValueException e) {
            return usageError(out, "--" + e.field() + " " + e.detail() + " (" + e.rule() + ")");
        }
        Optional<AwardStateAsOf> state = reader.read(new FindAwardStateAsOfQuery(at, period));
        if (state.isEmpty()) {
            out.println("as-of: award period " + period.label() + " had not been opened by " + at
                    + ": no event of its stream " + period + " is recorded up to then");
            return 2;
        }
        if (asJson) {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(state.get()));
        } else {
            print(state.get(), out);
        }
        return 0;
    }

    private int usageError(PrintStream out, String message) {
        out.println("as-of: " + message);
        out.println("usage: audit as-of " + usage());
        return 2;
    }

    static void print(AwardStateAsOf state, PrintStream out) {
        EligibilityRules rules = state.rules();
        out.println("Award period " + state.period().label() + " „" + state.sealName() + "“ as of " + state.at());
        out.println("Rule " + rules.grantRule() + " (version " + Explanations.versionOf(rules.grantRule())
                + "), renewal " + rules.renewalRule() + ", survey " + rules.surveyYear().value() + ", previous period "
                + (rules.previousPeriod() == null ? "none" : rules.previousPeriod().label()));
        out.println("Ceremony " + state.ceremony().date() + " in " + state.ceremony().place() + ": "
                + (state.ceremonyHeld() ? "held" : "not held yet") + "; period " + (state.closed() ? "closed" : "open"));
        EventsConsidered stream = state.periodStream();
        out.println("Events of " + stream.aggregateId() + " up to sequence " + stream.upToSequence() + " (recorded "
                + stream.lastEventAt() + "); " + stream.laterEvents() + " recorded later left out");
        EligibilityCounts counts = state.counts();
        out.println("Alliances: " + counts.total() + " (eligible " + counts.eligible() + ", missing " + counts.missing()
                + ", granted " + counts.granted() + ", revoked " + counts.revoked() + ")");
        for (AllianceAsOf alliance : state.alliances()) {
            out.println();
            out.println(alliance.buendnisId().value() + " — " + (alliance.name() == null ? "(not registered by then)"
                    : alliance.name() + ", " + alliance.place() + " (" + alliance.bundesland().isoCode() + ")")
                    + ": " + status(alliance));
            out.println("  " + alliance.explanation().sentence());
            ExplainCliCommand.printBy(alliance.explanation(), out);
        }
        out.println();
        out.println("Seals held as of " + state.at() + ": " + state.sealsHeld().size());
        for (SealHolding seal : state.sealsHeld()) {
            out.println("  " + seal.period().label() + "  " + seal.buendnisId().value() + "  „" + seal.sealName()
                    + "“ by " + seal.basis() + ", granted " + seal.grantedAt()
                    + (seal.atCeremony() ? " at the ceremony" : "") + ", valid through " + seal.validThrough());
        }
    }

    private static String status(AllianceAsOf alliance) {
        if (alliance.status() == EligibilityStatus.MISSING) {
            return "MISSING " + alliance.missing().stream().map(MissingCriterion::criterion).map(Enum::name)
                    .collect(Collectors.joining(", "));
        }
        return alliance.status() + " by " + alliance.basis();
    }
}
