package de.lokalebuendnisse.audit.service.asof;

import de.lokalebuendnisse.kernel.audit.AuditEvents;
import de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures;
import de.lokalebuendnisse.audit.service.cli.AuditCommandLine;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit as-of} and {@code audit explain} through the auditors' command line, on a data folder whose embedded
 * event store holds a season, written as the command side writes it (Axon's JDBC engine, the same Jackson
 * serializer).
 */
class AuditAsOfCliTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path data;

    @BeforeAll
    static void aSeasonInTheEmbeddedEventStore() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + data + "/event-store;MODE=PostgreSQL;AUTO_SERVER=TRUE");
        dataSource.setUser("sa");
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new AxonSerializationConfiguration().defaultAxonObjectMapper()).build();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(dataSource::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            AsOfFixtures.season(new EventStoreRecorder(eventStore));
        } finally {
            eventStore.shutDown();
        }
    }

    @Test
    void asOfPrintsEachAllianceWithItsStatusAndGermanSentenceAndTheSealsHeld() {
        Run run = audit("as-of", "--at=2024-11-21T12:00:00Z", "--period=2024-25");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.lines()).containsSubsequence(
                "Award period 2024/25 „Ausgezeichnetes Bündnis 2024/25“ as of 2024-11-21T12:00:00Z",
                "Rule SURVEY_INTEREST_WERKSTATT_V1 (version 1), renewal RENEW_BY_WERKSTATT_ATTENDANCE, survey 2024, "
                        + "previous period 2023/24",
                "Events of seal-award:2024/25 up to sequence 6 (recorded 2024-10-01T08:00:00Z); 5 recorded later left out",
                "Alliances: 3 (eligible 2, missing 1, granted 0, revoked 0)",
                "bremen — Bremer Bündnis für Familie, Bremen (DE-HB): MISSING BUENDNIS_ACTIVE, SURVEY_SUFFICIENT, "
                        + "WERKSTATT_ATTENDED",
                "  Stand 21.11.2024, 13:00 Uhr: Voraussetzungen für das Siegel „Ausgezeichnetes Bündnis 2024/25“ nach "
                        + "Vergaberegel SURVEY_INTEREST_WERKSTATT_V1 nicht erfüllt. Es fehlt: Bündnis pausiert; "
                        + "Aktivitätsgrad 2,67 liegt unter der Schwelle 3,00 der Umfrage 2024; keine Teilnahme an einer "
                        + "Zukunftswerkstatt der Periode verzeichnet, weder selbst noch vertreten. Erfüllt: "
                        + "Vergabeperiode offen; Interesse an Projekt Zukunft erklärt.",
                "hamm — Lokales Bündnis für Familie Hamm, Hamm (DE-NW): ELIGIBLE by SURVEY",
                "muenster — Münsteraner Bündnis für Familie, Münster (DE-NW): ELIGIBLE by RENEWAL",
                "Seals held as of 2024-11-21T12:00:00Z: 1",
                "  2023/24  muenster  „Ausgezeichnetes Bündnis 2023/24“ by SURVEY, granted 2023-11-24T10:00:01Z at the "
                        + "ceremony, valid through 2024");
    }

    @Test
    void asOfWithJsonPrintsTheSameAnswerAsTheApi() {
        Run run = audit("as-of", "--period=2024-25", "--at=2025-07-04T00:00:00Z", "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode state = JSON.readTree(run.out());
        assertThat(state.path("at").asString()).isEqualTo("2025-07-04T00:00:00Z");
        assertThat(state.path("alliances").path(1).path("status").asString()).isEqualTo("REVOKED");
        assertThat(state.path("alliances").path(1).path("name").asString()).isEqualTo("Familienbündnis Hamm");
        assertThat(state.path("alliances").path(1).path("explanation").path("kind").asString())
                .isEqualTo("REVOCATION");
        assertThat(state.path("sealsHeld")).hasSize(2);
    }

    @Test
    void explainListsEveryGrantRenewalAndRevocationWithItsSentence() {
        Run run = audit("explain", "--period=2024-25");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.lines()).containsSubsequence(
                "Award period 2024/25 „Ausgezeichnetes Bündnis 2024/25“: 3 grants, renewals and revocations",
                "2024-11-22T10:00:00Z  GRANT  hamm  (SURVEY_INTEREST_WERKSTATT_V1, SURVEY)",
                "2024-11-22T10:00:00.001Z  RENEWAL  muenster  (SURVEY_INTEREST_WERKSTATT_V1, RENEWAL)",
                "  Siegel „Ausgezeichnetes Bündnis 2024/25“ durch Verlängerung erteilt nach Verlängerungsregel "
                        + "RENEW_BY_WERKSTATT_ATTENDANCE: Inhaber des Siegels 2023/24, dafür genügt ohne Umfrage die "
                        + "Teilnahme an einer Zukunftswerkstatt der Periode; Teilnahme an der Zukunftswerkstatt in Hamm "
                        + "am 12.09.2024, vertreten durch Stadt Münster, Familienbüro; Bündnis aktiv. Verliehen beim "
                        + "Bündnisdialog am 22.11.2024 in Berlin.",
                "  recorded by Anna Schmidt (staff, subject " + AuditEvents.ANNA.subject()
                        + ", client servicebuero-portal)",
                "2025-07-03T08:00:00Z  REVOCATION  hamm  (SURVEY_INTEREST_WERKSTATT_V1, SURVEY)");
        assertThat(run.lines()).containsSubsequence(
                "2025-07-03T08:00:00Z  REVOCATION  hamm  (SURVEY_INTEREST_WERKSTATT_V1, SURVEY)",
                "  recorded by Petra Prüfer (admin, subject 9e7b2c11-pruefer, client ministerium-portal)",
                "  granted by Anna Schmidt (staff, subject " + AuditEvents.ANNA.subject()
                        + ", client servicebuero-portal)");
    }

    @Test
    void explainCutAtAnInstantWithJsonLeavesOutWhatCameLater() {
        Run run = audit("explain", "--period=2024-25", "--at=2025-01-01T00:00:00Z", "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode explanations = JSON.readTree(run.out());
        assertThat(explanations.path("explanations")).hasSize(2);
        assertThat(explanations.path("periodStream").path("laterEvents").asLong()).isEqualTo(1);
        assertThat(explanations.path("explanations").get(0).path("by").path("role").asString()).isEqualTo("staff");
        assertThat(explanations.path("explanations").get(0).path("by").path("subject").asString())
                .isEqualTo(AuditEvents.ANNA.subject());
    }

    @Test
    void badOptionsOrAPeriodNotYetOpenedExitWith2AndAMessage() {
        Run unknown = audit("as-of", "--at=2024-11-21T12:00:00Z", "--period=2024-25", "--format=csv");
        Run future = audit("as-of", "--at=2999-01-01T00:00:00Z", "--period=2024-25");
        Run missing = audit("explain", "--json");
        Run notOpened = audit("as-of", "--at=2024-05-01T00:00:00Z", "--period=2024-25");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.lines().get(0)).isEqualTo("as-of: unknown option --format; known are --at=…, --json, "
                + "--period=…");
        assertThat(unknown.lines().get(1)).startsWith("usage: audit as-of --at=<ISO-8601 instant>");
        assertThat(future.exitCode()).isEqualTo(2);
        assertThat(future.lines().get(0)).startsWith("as-of: --at must not lie in the future").endsWith("(not-in-future)");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.lines().get(0)).isEqualTo("explain: --period must be given (required)");
        assertThat(notOpened.exitCode()).isEqualTo(2);
        assertThat(notOpened.lines().get(0)).isEqualTo("as-of: award period 2024/25 had not been opened by "
                + "2024-05-01T00:00:00Z: no event of its stream seal-award:2024/25 is recorded up to then");
    }

    private record Run(int exitCode, String out, String err) {

        List<String> lines() {
            return new ArrayList<>(out.lines().toList());
        }
    }

    private static Run audit(String... arguments) {
        List<String> args = new ArrayList<>(List.of(arguments));
        args.add("--lbf.data-dir=" + data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = AuditCommandLine.run(de.lokalebuendnisse.audit.service.AuditCommandLineApplication.class, args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
