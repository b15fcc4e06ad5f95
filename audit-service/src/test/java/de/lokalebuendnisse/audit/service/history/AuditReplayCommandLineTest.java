package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.lokalebuendnisse.audit.service.cli.AuditCommandLine;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit replay} as an auditor runs it beside the service: its own Spring context without web server or live
 * projections on the same data folder, comparing over HTTP with the service under test.
 */
class AuditReplayCommandLineTest extends ReplaySeason {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase queryDatabase;

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs the command line as an auditor would, with an auditor's token in the environment. */
    private static Run audit(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--lbf.audit.access-token=" + TestTokens.of(Role.AUDITOR);
        return auditWithoutToken(all);
    }

    private static Run auditWithoutToken(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--lbf.data-dir=" + DATA;
        int exitCode = AuditCommandLine.run(de.lokalebuendnisse.audit.service.AuditCommandLineApplication.class, all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutALiveServiceItReplaysReportsAndSaysItDidNotCompare() throws Exception {
        Path report = DATA.resolve("replay-report.md");

        Run run = audit("replay", "--out=" + report);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("READING: 0 of \\d+ events")
                .contains("DONE: " + PUBLISHED.size() + " of " + PUBLISHED.size() + " events", "0 s left",
                        "report written to", "the live history is not reachable from the command line");
        assertThat(Files.readString(report)).startsWith("# Audit replay ").contains("**Not compared:**",
                "Ausgezeichnetes Bündnis 2024/25", "**Renewals: 1**");
    }

    @Test
    void comparedWithTheLiveServiceItFindsNoDifferenceAndExitsZero() throws Exception {
        Path report = DATA.resolve("replay-report.json");

        Run run = audit("replay", "--live-url=http://localhost:" + port, "--json", "--out=" + report);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = JSON.readTree(Files.readString(report));
        assertThat(json.get("comparison").get("compared").asBoolean()).isTrue();
        assertThat(json.get("comparison").get("source").asString()).isEqualTo("live service http://localhost:" + port);
        assertThat(json.get("comparison").get("liveEntries").asLong()).isEqualTo(18);
        assertThat(json.get("comparison").get("differencesTotal").asLong()).isZero();
        assertThat(json.get("eventsRead").asLong()).isEqualTo(PUBLISHED.size());
        assertThat(run.out()).contains("0 differences to the live service");
    }

    @Test
    void anAlteredLiveHistoryIsListedAndExitsOne() {
        MongoCollection<Document> live = queryDatabase.getCollection(AuditDocuments.COLLECTION);
        String revoked = PUBLISHED.get(16).getIdentifier();
        Document before = live.find(Filters.eq("_id", revoked)).first();
        try {
            live.updateOne(Filters.eq("_id", revoked), Updates.set("caller", "jemand-anderes"));

            Run run = audit("replay", "--live-url=http://localhost:" + port);

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.out()).contains("**1 differences**", "| FIELD | 2025 |", revoked,
                    "| caller | =ministerium | jemand-anderes |", "1 differences to the live service");
        } finally {
            live.replaceOne(Filters.eq("_id", revoked), before);
        }
    }

    @Test
    void comparingWithTheLiveServiceWithoutATokenSaysWhereToPutOneAndExitsTwo() {
        Run run = auditWithoutToken("replay", "--live-url=http://localhost:" + port);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).contains("LBF_AUDIT_ACCESS_TOKEN");
    }

    @Test
    void aTokenWithoutTheAuditorsRoleIsRefusedByTheLiveService() {
        Run run = auditWithoutToken("replay", "--live-url=http://localhost:" + port,
                "--lbf.audit.access-token=" + TestTokens.of(Role.SERVICE));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).contains("not compared: reading the live history failed: the live service answered 403");
    }

    @Test
    void refusesAnUnknownOptionWithExitCodeTwo() {
        Run run = audit("replay", "--frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("unknown option '--frobnicate'", "usage: audit replay");
    }
}
