package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import de.lokalebuendnisse.command.seal.AwardIntakeProcess;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static de.lokalebuendnisse.command.web.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole seal season through HTTP against the embedded event store and MongoDB stand-in: alliances, the 2024
 * campaign, the 2024/25 period with two Werkstätten, the ceremony and a revocation; retries and refusals store
 * nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class SealSeasonIntegrationTest {

    private static final Path DATA = createDataDir();

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    DataSource dataSource;
    @Autowired
    EventProcessingConfiguration processing;

    HttpApi api;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void client() {
        api = new HttpApi(port);
    }

    @Test
    void aWholeSeasonEndsWithExactlyTheEligibleAlliancesHoldingTheSeal() {
        String a = register("nuernberg", "09564000", "DE-BY", "Nürnberg");
        String b = register("hamm", "05915000", "DE-NW", "Hamm");
        String c = register("koeln", "05315000", "DE-NW", "Köln");
        String d = register("leipzig", "14713000", "DE-SN", "Leipzig");
        String e = register("bremen", "04011000", "DE-HB", "Bremen");
        String f = register("erfurt", "16051000", "DE-TH", "Erfurt");

        int year = 2024 + Math.abs(run.hashCode() % 10); // dates may lie at most 10 years ahead
        String period = year + "-" + String.format("%02d", (year + 1) % 100);
        String label = period.replace('-', '/');
        assertThat(api.post("/api/survey-campaigns", json("""
                {'year': %d, 'title': 'Bündnisumfrage', 'scale': {'min': 0, 'max': 4}, 'threshold': 3.0,
                 'criteria': [{'id': 'netzwerk', 'title': 'Netzwerk und Partner'},
                              {'id': 'projekte', 'title': 'Projekte'},
                              {'id': 'sichtbarkeit', 'title': 'Sichtbarkeit'}],
                 'opensOn': '%d-03-01', 'closesOn': '%d-06-30'}""".formatted(year, year, year))).status())
                .isEqualTo(201);

        var exactlyAtThreshold = submit(year, b, "3,3,3", true, "INTERVIEW");
        assertThat(exactlyAtThreshold.json().path("sufficient").asBoolean()).isTrue();
        assertThat(submit(year, c, "4,4,4", false, "ONLINE").status()).isEqualTo(201);
        var below = submit(year, d, "2,3,3", true, "ONLINE");
        assertThat(below.json().path("sufficient").asBoolean()).isFalse();
        assertThat(submit(year, e, "4,4,3", true, "INTERVIEW").status()).isEqualTo(201);
        assertThat(submit(year, f, "4,4,4", true, "ONLINE").status()).isEqualTo(201);

        assertThat(api.post("/api/seal-awards", json("""
                {'period': '%s', 'surveyYear': %d, 'sealName': 'Ausgezeichnetes Bündnis %s',
                 'ceremony': {'date': '%d-11-22', 'place': 'Berlin'},
                 'renewalRule': 'RENEW_BY_WERKSTATT_ATTENDANCE'}""".formatted(label, year, label, year))).status())
                .isEqualTo(201);
        // the five earlier outcomes are taken in when the period opens; one submitted later is forwarded live
        AwardPeriod awardPeriod = AwardPeriod.of(label);
        awaitEvents(awardPeriod, events -> count(events, SurveyOutcomeRecorded.class) == 5);
        String correlation = "import-" + run;
        // a caller claimed in a header is not taken: the token names who acts
        var submitted = submit(year, a, "4,3,3", true, "ONLINE", "X-Caller", "Bundesministerin",
                "X-Correlation-Id", correlation);
        assertThat(submitted.status()).isEqualTo(201);
        assertThat(submitted.json().path("activityLevel").decimalValue()).isEqualByComparingTo("3.33");
        assertThat(submitted.json().path("sufficient").asBoolean()).isTrue();
        assertThat(schedule(period, "nuernberg", "Metropolregion Nürnberg", "Nürnberg", "IN_PERSON").status()).isEqualTo(201);
        assertThat(schedule(period, "hamm", "Nordrhein-Westfalen", "Hamm", "IN_PERSON").status()).isEqualTo(201);

        assertThat(attend(period, "nuernberg", a, "SELF", null).status()).isEqualTo(201);
        assertThat(attend(period, "hamm", b, "REPRESENTATIVE", "Stadt Hamm, Familienbüro").status()).isEqualTo(201);
        assertThat(attend(period, "hamm", c, "SELF", null).status()).isEqualTo(201);
        assertThat(attend(period, "nuernberg", d, "SELF", null).status()).isEqualTo(201);
        assertThat(attend(period, "hamm", f, "SELF", null).status()).isEqualTo(201);
        assertThat(api.post("/api/buendnisse/" + f + "/pause", json("{'reason': 'Koordination unbesetzt'}")).status())
                .isEqualTo(200);

        awaitEvents(awardPeriod, events -> count(events, SurveyOutcomeRecorded.class) == 6
                && events.stream().anyMatch(event -> event instanceof BuendnisStandingRecorded standing
                && standing.buendnisId().value().equals(f)));

        var refused = api.post("/api/seal-awards/" + period + "/grants", json("{'buendnisId': '%s'}".formatted(e)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.rules()).containsExactly("WERKSTATT_ATTENDED");
        var refusedPaused = api.post("/api/seal-awards/" + period + "/grants", json("{'buendnisId': '%s'}".formatted(f)));
        assertThat(refusedPaused.rules()).containsExactly("BUENDNIS_ACTIVE");

        var ceremony = api.post("/api/seal-awards/" + period + "/ceremony", null);
        assertThat(ceremony.status()).isEqualTo(200);
        List<String> granted = new ArrayList<>();
        ceremony.json().path("granted").forEach(n -> granted.add(n.asText()));
        assertThat(granted).containsExactlyInAnyOrder(a, b);

        List<Object> periodEvents = payloads(awardPeriod);
        List<SealGranted> grants = periodEvents.stream().filter(SealGranted.class::isInstance)
                .map(SealGranted.class::cast).toList();
        assertThat(grants).extracting(g -> g.buendnisId().value()).containsExactlyInAnyOrder(a, b);
        SealGranted viaRepresentative = grants.stream().filter(g -> g.buendnisId().value().equals(b)).findFirst().orElseThrow();
        assertThat(viaRepresentative.evidence().basis()).isEqualTo(GrantBasis.SURVEY);
        assertThat(viaRepresentative.evidence().attendance().mode()).isEqualTo(AttendanceMode.REPRESENTATIVE);
        assertThat(viaRepresentative.evidence().attendance().representativeOrganisation()).isEqualTo("Stadt Hamm, Familienbüro");
        assertThat(viaRepresentative.evidence().survey().activityLevel().mean()).isEqualByComparingTo("3.00");
        assertThat(viaRepresentative.evidence().survey().threshold()).isEqualByComparingTo("3.0");
        assertThat(viaRepresentative.atCeremony()).isTrue();

        var revoked = api.post("/api/seal-awards/" + period + "/revocations",
                json("{'buendnisId': '%s', 'reason': 'Angaben der Umfrage nicht belegt'}".formatted(b)));
        assertThat(revoked.status()).isEqualTo(200);
        List<SealRevoked> revocations = payloads(awardPeriod).stream().filter(SealRevoked.class::isInstance)
                .map(SealRevoked.class::cast).toList();
        assertThat(revocations).singleElement().satisfies(r -> {
            assertThat(r.buendnisId().value()).isEqualTo(b);
            assertThat(r.reason()).isEqualTo("Angaben der Umfrage nicht belegt");
        });
        assertThat(count(payloads(awardPeriod), SealGranted.class)).as("a revocation keeps the grant").isEqualTo(2);

        // who asked and under which correlation id travels from the request to every event it causes
        DomainEventMessage<?> submission = messages(de.lokalebuendnisse.kernel.survey.CampaignYear.of(year).toString())
                .stream().filter(m -> m.getPayload() instanceof SurveySubmitted s && s.buendnisId().value().equals(a))
                .findFirst().orElseThrow();
        assertThat(submission.getMetaData()).containsEntry("caller", TestTokens.name(Role.STAFF))
                .containsEntry("callerSubject", TestTokens.subject(Role.STAFF))
                .containsEntry("callerClient", TestTokens.client(Role.STAFF))
                .containsEntry("callerRole", "staff")
                .containsEntry("correlationId", correlation);
        DomainEventMessage<?> intake = messages(awardPeriod.toString()).stream()
                .filter(m -> m.getPayload() instanceof SurveyOutcomeRecorded o && o.buendnisId().value().equals(a))
                .findFirst().orElseThrow();
        assertThat(intake.getMetaData()).containsEntry("caller", TestTokens.name(Role.STAFF))
                .containsEntry("callerSubject", TestTokens.subject(Role.STAFF))
                .containsEntry("callerClient", TestTokens.client(Role.STAFF))
                .containsEntry("callerRole", "staff")
                .containsEntry("correlationId", correlation)
                .containsEntry("process", "award-intake-process");

        // a replay of the award intake from the first event resends every command; none records anything again
        long periodEventsBeforeReplay = payloads(awardPeriod).size();
        StreamingEventProcessor intakeProcessor = processing
                .eventProcessor(AwardIntakeProcess.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        intakeProcessor.shutDown();
        intakeProcessor.resetTokens();
        intakeProcessor.start();
        awaitCaughtUp(intakeProcessor);
        assertThat(payloads(awardPeriod)).hasSize((int) periodEventsBeforeReplay);

        assertThat(api.post("/api/seal-awards/" + period + "/close", null).status()).isEqualTo(200);
        assertThat(api.post("/api/survey-campaigns/" + year + "/close", null).status()).isEqualTo(200);
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyGetsTheFirstAnswerAndStoresNothingTwice() {
        String body = registration("retry-" + run, "Bündnis Retry", "05915000", "DE-NW", "Hamm");
        String key = UUID.randomUUID().toString();
        var first = api.post("/api/buendnisse", body, "Idempotency-Key", key);
        long events = eventCount();
        var retry = api.post("/api/buendnisse", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        // both answers name an event position at or past the registration's event, for read-your-writes queries
        long registeredAt = Long.parseLong(first.header("X-Event-Position"));
        assertThat(Long.parseLong(retry.header("X-Event-Position"))).isGreaterThanOrEqualTo(registeredAt);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(messages(BuendnisId.of("retry-" + run).toString())).hasSize(1);

        var otherRequestSameKey = api.post("/api/buendnisse",
                registration("other-" + run, "Anderes Bündnis", "05915000", "DE-NW", "Hamm"), "Idempotency-Key", key);
        assertThat(otherRequestSameKey.status()).isEqualTo(422);
        assertThat(otherRequestSameKey.rules()).containsExactly("idempotency-key-reused");
        assertThat(eventCount()).isEqualTo(events);

        // a refusal is an answer too: the retry gets it back without running the command again
        String refusalKey = UUID.randomUUID().toString();
        var refused = api.post("/api/seal-awards/1999-00/close", null, "Idempotency-Key", refusalKey);
        var refusedAgain = api.post("/api/seal-awards/1999-00/close", null, "Idempotency-Key", refusalKey);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refusedAgain.body()).isEqualTo(refused.body());
    }

    @Test
    void malformedAndRuleBreakingRequestsAreRefusedPreciselyAndStoreNothing() {
        String id = register("refusals", "05915000", "DE-NW", "Hamm");
        long events = eventCount();

        var notJson = api.post("/api/buendnisse", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");
        assertThat(notJson.rules()).containsExactly("readable-json");

        var invalid = api.post("/api/buendnisse", json("""
                {'name': ' ', 'municipalityKey': '0591500', 'place': 'Hamm', 'bundesland': 'DE-XX',
                 'organisationForm': 'CLUB', 'foundedOn': '2005-13-01', 'fieldsOfAction': ['CHILD_CARE']}"""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("violations").findValuesAsText("field"))
                .containsExactly("name", "municipalityKey", "bundesland", "organisationForm", "foundedOn");

        var wrongLand = api.post("/api/buendnisse", registration("land-" + run, "Bündnis", "09564000", "DE-NW", "Nürnberg"));
        assertThat(wrongLand.status()).isEqualTo(400);
        assertThat(wrongLand.rules()).containsExactly("ags-matches-bundesland");

        var duplicate = api.post("/api/buendnisse", registration(id, "Bündnis Doppelt", "05915000", "DE-NW", "Hamm"));
        assertThat(duplicate.status()).isEqualTo(409);

        var unknownCampaign = api.post("/api/survey-campaigns/2999/submissions", json("""
                {'buendnisId': '%s', 'scores': [{'criterionId': 'netzwerk', 'score': 3}],
                 'projektZukunftInterest': true, 'channel': 'ONLINE'}""".formatted(id)));
        assertThat(unknownCampaign.status()).isEqualTo(404);
        assertThat(unknownCampaign.rules()).containsExactly("target-exists");

        var unknownPartner = api.delete("/api/buendnisse/" + id + "/partners/nobody");
        assertThat(unknownPartner.status()).isEqualTo(404);
        assertThat(unknownPartner.rules()).containsExactly("partner-known");

        var badPeriod = api.post("/api/seal-awards", json("""
                {'period': '2024/26', 'surveyYear': 2024, 'sealName': 'Siegel',
                 'ceremony': {'date': '2024-11-22', 'place': 'Berlin'}, 'renewalRule': 'SOMETIMES'}"""));
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.rules()).containsExactly("consecutive-years", "one-of");

        assertThat(api.post("/api/buendnisse/" + id + "/dissolve", json("{'dissolvedOn': '2025-01-31'}")).status())
                .isEqualTo(200);
        long afterDissolving = eventCount();
        var afterDissolved = api.post("/api/buendnisse/" + id + "/resume", null);
        assertThat(afterDissolved.status()).isEqualTo(422);
        assertThat(afterDissolved.rules()).containsExactly("dissolved-is-final");

        var badCorrelation = api.post("/api/buendnisse/" + id + "/pause", null, "X-Correlation-Id", "x".repeat(200));
        assertThat(badCorrelation.status()).isEqualTo(400);
        assertThat(badCorrelation.rules()).containsExactly("header-format");

        // default deny: a path no access rule names is refused, whoever asks
        var unknownPath = api.post("/api/no-such-thing", "{}");
        assertThat(unknownPath.status()).isEqualTo(403);
        assertThat(unknownPath.header("Content-Type")).startsWith("application/problem+json");

        assertThat(afterDissolving).isEqualTo(events + 1);
        assertThat(eventCount()).isEqualTo(afterDissolving);
    }

    @Test
    void partnersAreAddedAndRemovedAndAPausedAllianceResumes() {
        String id = register("partners", "05915000", "DE-NW", "Hamm");
        var added = api.post("/api/buendnisse/" + id + "/partners",
                json("{'partnerId': 'ihk', 'name': 'IHK zu Dortmund', 'type': 'CHAMBER'}"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("partnerId").asText()).isEqualTo("ihk");
        var unknownType = api.post("/api/buendnisse/" + id + "/partners", json("{'name': 'Kita', 'type': 'KINDERGARTEN'}"));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(api.delete("/api/buendnisse/" + id + "/partners/ihk").status()).isEqualTo(200);
        assertThat(api.post("/api/buendnisse/" + id + "/pause", null).status()).isEqualTo(200);
        assertThat(api.post("/api/buendnisse/" + id + "/resume", null).status()).isEqualTo(200);
        var updated = api.put("/api/buendnisse/" + id + "/profile", json("""
                {'name': 'Bündnis für Familie Hamm e. V.', 'municipalityKey': '05915000', 'place': 'Hamm',
                 'bundesland': 'DE-NW', 'organisationForm': 'REGISTERED_ASSOCIATION', 'foundedOn': '2005-03-01',
                 'fieldsOfAction': ['CHILD_CARE', 'WORK_FAMILY_BALANCE'], 'futureTopics': ['LOW_INCOME_FAMILIES']}"""));
        assertThat(updated.status()).isEqualTo(200);

        assertThat(messages(BuendnisId.of(id).toString())).extracting(m -> m.getPayload().getClass().getSimpleName())
                .containsExactly("BuendnisRegistered", "PartnerAdded", "PartnerRemoved", "BuendnisPaused",
                        "BuendnisResumed", "BuendnisProfileUpdated");
    }

    @Test
    void theOpenApiDocumentDescribesTheCommandApi() {
        var docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/seal-awards/{period}/ceremony")).isTrue();
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private String register(String name, String key, String land, String place) {
        String id = name + "-" + run;
        var answer = api.post("/api/buendnisse", registration(id, "Lokales Bündnis für Familie " + place, key, land, place));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return id;
    }

    private static String registration(String id, String name, String key, String land, String place) {
        return json("""
                {'id': '%s', 'name': '%s', 'municipalityKey': '%s', 'place': '%s', 'bundesland': '%s',
                 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2006-05-15', 'website': 'https://example.org/buendnis',
                 'fieldsOfAction': ['WORK_FAMILY_BALANCE', 'CHILD_CARE'], 'futureTopics': ['CHILD_CARE']}"""
                .formatted(id, name, key, place, land));
    }

    private HttpApi.Answer submit(int year, String buendnisId, String scores, boolean interest, String channel,
                                  String... headers) {
        String[] values = scores.split(",");
        return api.post("/api/survey-campaigns/" + year + "/submissions", json("""
                {'buendnisId': '%s', 'scores': [{'criterionId': 'netzwerk', 'score': %s},
                 {'criterionId': 'projekte', 'score': %s}, {'criterionId': 'sichtbarkeit', 'score': %s}],
                 'projektZukunftInterest': %s, 'channel': '%s'}"""
                .formatted(buendnisId, values[0], values[1], values[2], interest, channel)), headers);
    }

    private HttpApi.Answer schedule(String period, String id, String region, String place, String format) {
        return api.post("/api/seal-awards/" + period + "/werkstaetten", json("""
                {'werkstattId': '%s', 'region': '%s', 'place': '%s', 'date': '2024-09-12', 'format': '%s'}"""
                .formatted(id, region, place, format)));
    }

    private HttpApi.Answer attend(String period, String werkstatt, String buendnisId, String mode, String organisation) {
        String representative = organisation == null ? "" : ", 'representativeOrganisation': '" + organisation + "'";
        return api.post("/api/seal-awards/" + period + "/attendances", json("""
                {'werkstattId': '%s', 'buendnisId': '%s', 'mode': '%s'%s}"""
                .formatted(werkstatt, buendnisId, mode, representative)));
    }

    private long eventCount() {
        return new JdbcTemplate(dataSource).queryForObject("select count(*) from DomainEventEntry", Long.class);
    }

    private List<DomainEventMessage<?>> messages(String aggregateIdentifier) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        eventStore.readEvents(aggregateIdentifier, 0).forEachRemaining(messages::add);
        return messages;
    }

    private List<Object> payloads(AwardPeriod period) {
        return messages(period.toString()).stream().map(m -> (Object) m.getPayload()).toList();
    }

    private static long count(List<Object> events, Class<?> type) {
        return events.stream().filter(type::isInstance).count();
    }

    /** The award intake process runs asynchronously; wait (bounded) until the period has heard everything. */
    private void awaitEvents(AwardPeriod period, Predicate<List<Object>> done) {
        await("the award intake delivers to " + period.label()).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> payloads(period), done::test);
    }

    private static void awaitCaughtUp(StreamingEventProcessor processor) {
        await("the replay catches up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !processor.isReplaying() && !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp));
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("lbf-command-it");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
