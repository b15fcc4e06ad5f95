package de.lokalebuendnisse.audit.service.chain;

import de.lokalebuendnisse.audit.service.chain.ChainReport.Break;
import de.lokalebuendnisse.audit.service.chain.ChainReport.CheckedAnchor;
import de.lokalebuendnisse.audit.service.cli.AuditCliCommand;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code audit verify [--json]}: verifies the audit chain and prints the report, as lines for people or as JSON.
 * Progress lines come every few seconds (with {@code --json} on standard error, so standard output stays JSON).
 * Exit code 0 only when the chain is intact; 1 when it is broken or nothing could be compared.
 * <p>
 * On the command line the projections do not run, so the fingerprint records are read from the configured query
 * database: the service's MongoDB ({@code --lbf.mongo.uri=…}) or its stand-in file while the service is stopped
 * ({@code --lbf.mongo.embedded-file=data/audit-mongo.mv}). Without them only the anchors are checked, and the
 * output says so.
 */
@Component
public class VerifyCliCommand implements AuditCliCommand {

    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final ChainVerifier verifier;
    private final JsonMapper jsonMapper;

    VerifyCliCommand(ChainVerifier verifier, JsonMapper jsonMapper) {
        this.verifier = verifier;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String usage() {
        return "[--json]  recompute the audit chain from the event store and report the first event where it "
                + "breaks; exit code 0 intact, 1 broken or unverified";
    }

    @Override
    public int run(List<String> options, PrintStream out) {
        boolean json = false;
        for (String option : options) {
            if (option.equals("--json")) {
                json = true;
            } else {
                out.println("verify: unknown option '" + option + "'; usage: verify " + usage());
                return 2;
            }
        }
        PrintStream progressOut = json ? System.err : out;
        ChainReport report = verifier.verify(PROGRESS_EVERY, progress -> progressOut.println(progress.line()));
        if (json) {
            out.println(jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            print(report, out);
        }
        return report.status() == ChainReport.Status.INTACT ? 0 : 1;
    }

    static void print(ChainReport report, PrintStream out) {
        out.println("Audit chain: " + report.status());
        int anchors = report.checkedAnchors().size();
        out.println("  events checked: " + report.eventsChecked() + " (" + report.chainedEvents() + " chained, "
                + anchors + (anchors == 1 ? " anchor)" : " anchors)"));
        out.println("  head: " + report.head() + (report.headPosition() < 0 ? " (empty store)"
                : " after position " + report.headPosition()));
        out.println("  fingerprint records: " + report.records());
        if (report.checkedAnchors().isEmpty()) {
            out.println("  anchors: none in the store");
        }
        for (CheckedAnchor anchor : report.checkedAnchors()) {
            out.println("  anchor " + anchor.scope() + " at position " + anchor.position() + ", up to position "
                    + anchor.lastPosition() + ": " + (anchor.ok() ? "ok" : "MISMATCH: " + anchor.detail()));
        }
        if (report.firstBreak() == null) {
            return;
        }
        out.println("  first break: " + line(report.firstBreak()));
        out.println("  breaks: " + report.breakCount() + (report.breakCount() > report.breaks().size()
                ? " (the first " + report.breaks().size() + " listed)" : ""));
        for (Break each : report.breaks()) {
            out.println("    " + line(each));
        }
    }

    private static String line(Break each) {
        return "position " + each.position() + " " + each.kind() + " event " + each.eventId()
                + (each.aggregateId() == null ? "" : " (" + each.aggregateId() + " #" + each.sequenceNumber() + ")")
                + ": " + each.detail();
    }
}
