package de.lokalebuendnisse.audit.service.replay;

import com.mongodb.client.MongoDatabase;
import de.lokalebuendnisse.audit.service.cli.AuditCliCommand;
import de.lokalebuendnisse.platform.PlatformProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code audit replay [--keep] [--live-url=http://localhost:8083] [--json] [--out=report.md]}: replays the whole
 * history into a database of its own, prints a progress line every few seconds and then the report (Markdown, or
 * JSON with {@code --json}; with {@code --out} into that file, HTML when it ends in {@code .html}). Exit code 0 when
 * no difference to the live history was found (or it was not compared, which the report says), 1 when there are
 * differences, 2 for bad options, 3 when the comparison {@code --live-url} asked for could not be made (the service
 * unreachable, or it refused the token).
 * <p>
 * The live service answers auditors only: its access token comes from the environment variable
 * {@code LBF_AUDIT_ACCESS_TOKEN} (setting {@code lbf.audit.access-token}), never from an option, so it does not show
 * in the process list or the shell's history.
 */
@Component
public class ReplayCliCommand implements AuditCliCommand {

    static final long PROGRESS_LINE_MILLIS = 5000;

    private final AuditReplay replay;
    private final MongoDatabase queryDatabase;
    private final PlatformProperties properties;
    private final JsonMapper jsonMapper;
    private final String accessToken;

    ReplayCliCommand(AuditReplay replay, MongoDatabase queryDatabase, PlatformProperties properties,
                     JsonMapper jsonMapper, @Value("${lbf.audit.access-token:}") String accessToken) {
        this.replay = replay;
        this.queryDatabase = queryDatabase;
        this.properties = properties;
        this.jsonMapper = jsonMapper;
        this.accessToken = accessToken;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String usage() {
        return "[--keep] [--live-url=http://localhost:8083] [--json] [--out=report.md|.html|.json]  replays the whole "
                + "history (--keep: into a database of its own, kept), reports and compares it with the live history "
                + "(exit 1 on differences)";
    }

    @Override
    public int run(List<String> options, PrintStream out) {
        boolean keep = false;
        boolean json = false;
        String liveUrl = null;
        Path file = null;
        for (String option : options) {
            if (option.equals("--keep")) {
                keep = true;
            } else if (option.equals("--json")) {
                json = true;
            } else if (option.startsWith("--live-url=") && option.length() > "--live-url=".length()) {
                liveUrl = option.substring("--live-url=".length());
            } else if (option.startsWith("--out=") && option.length() > "--out=".length()) {
                file = Path.of(option.substring("--out=".length()));
            } else {
                out.println("audit replay: unknown option '" + option + "'");
                out.println("usage: audit replay " + usage());
                return 2;
            }
        }
        if (liveUrl != null && accessToken.isBlank()) {
            out.println("audit replay: --live-url needs an auditor's access token in the environment variable "
                    + "LBF_AUDIT_ACCESS_TOKEN (README, \"Getting a token\")");
            return 2;
        }
        LiveHistory live = live(liveUrl);
        String id = AuditReplay.newId(Instant.now());
        out.println("audit replay " + id + ": replaying the whole history" + (keep ? " into database "
                + AuditReplay.DATABASE_PREFIX + id + " (kept)" : "") + "; comparing with " + (live.available() ? live.source() : "nothing"));
        long[] lastLine = {0};
        String[] lastPhase = {null};
        // a line at each phase and every few seconds while reading
        ReplayReport report = replay.run(id, keep, live, progress -> {
            long now = System.currentTimeMillis();
            if (!progress.phase().equals(lastPhase[0]) || now - lastLine[0] >= PROGRESS_LINE_MILLIS) {
                lastLine[0] = now;
                lastPhase[0] = progress.phase();
                out.println("audit replay " + id + ": " + progress.line());
            }
        });
        out.println("audit replay " + id + ": " + report.eventsRead() + " events up to position "
                + report.headPosition() + " in " + report.seconds() + " s (" + report.eventsPerSecond()
                + " events/s)");
        String text = json ? jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(report)
                : file != null && file.toString().endsWith(".html") ? ReplayReportText.html(report)
                : ReplayReportText.markdown(report);
        if (file == null) {
            out.println(text);
        } else {
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report to " + file, e);
            }
            out.println("audit replay " + id + ": report written to " + file.toAbsolutePath());
        }
        out.println("audit replay " + id + ": digest " + report.history().digest() + " over "
                + report.history().entries() + " entries; chain head " + report.chain().head() + "; "
                + (!report.comparison().compared() ? "not compared: " + report.comparison().note()
                : report.comparison().differencesTotal() + " differences to the " + report.comparison().source()));
        if (liveUrl != null && !report.comparison().compared()) {
            return 3;
        }
        return report.hasDifferences() ? 1 : 0;
    }

    private LiveHistory live(String liveUrl) {
        if (liveUrl != null) {
            return new HttpLiveHistory(liveUrl, accessToken, jsonMapper);
        }
        if (!properties.mongo().uri().isBlank()) {
            return new MongoLiveHistory(queryDatabase, head -> "Read straight from the database; whether the live "
                    + "service had handled every event up to position " + head + " is not known here, so entries it "
                    + "had not yet handled would show as missing in live.");
        }
        return LiveHistory.none("the live history is not reachable from the command line in the embedded default "
                + "(the running service holds its MongoDB stand-in file); give --live-url=http://localhost:8083 to "
                + "compare with the running service, or --lbf.mongo.uri=… to read a MongoDB directly");
    }
}
