package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.platform.projection.Projections;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eligibility API over HTTP against the embedded stores: hostile or invalid parameters are refused naming the
 * field, unknown periods and entries answer 404, and events in the event store reach the overview, the entry and
 * the live stream. The events are appended to the store directly, standing in for the command side.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EligibilityApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwardPeriod PERIOD = AwardPeriod.of("2024/25");
    private static final AwardCeremony CEREMONY = new AwardCeremony(LocalDate.of(2024, 11, 22), "Berlin");
    private static final WerkstattScheduled WEST = new WerkstattScheduled(PERIOD, WerkstattId.of("werkstatt-west-2024"),
            "West", "Hamm", LocalDate.of(2024, 9, 18), WerkstattFormat.IN_PERSON);

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        try {
            String data = Files.createTempDirectory("lbf-query-eligibility").toString();
            registry.add("lbf.data-dir", () -> data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    Projections projections;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> sequences = new HashMap<>();

    @BeforeAll
    void aPeriodWithOneEligibleAlliance() {
        append("buendnis:hamm", new BuendnisRegistered(BuendnisId.of("hamm"), new BuendnisProfile(
                "Lokales Bündnis für Familie Hamm", MunicipalityKey.of("05915000"), "Hamm", Bundesland.NW,
                OrganisationForm.WORKING_GROUP, LocalDate.of(2005, 3, 15), null, Set.of(FieldOfAction.CHILD_CARE),
                Set.of())));
        append("seal-award:2024/25", new AwardPeriodOpened(PERIOD, CampaignYear.of(2024),
                "Ausgezeichnetes Bündnis 2024/25", CEREMONY, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, AwardPeriod.of("2023/24"), List.of()));
        append("seal-award:2024/25", WEST);
        append("seal-award:2024/25", new SurveyOutcomeRecorded(PERIOD, BuendnisId.of("hamm"), new SurveyOutcome(
                CampaignYear.of(2024), new ActivityLevel(new BigDecimal("3.33"), 10, 3), new BigDecimal("3.00"), true,
                true, SubmissionChannel.ONLINE, 42)));
        append("seal-award:2024/25", new WerkstattAttended(PERIOD, BuendnisId.of("hamm"), attendance()));
    }

    @Test
    void theOverviewShowsEachCriterionStatusAndCountsAsJson() {
        Answer answer = get("/api/eligibility/2024-25", "X-Event-Position", String.valueOf(head()));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode overview = answer.json();
        assertThat(overview.path("period").asText()).isEqualTo("2024/25");
        assertThat(overview.path("sealName").asText()).isEqualTo("Ausgezeichnetes Bündnis 2024/25");
        assertThat(overview.path("rules").path("surveyYear").asInt()).isEqualTo(2024);
        assertThat(overview.path("werkstaetten").path(0).path("werkstattId").asText()).isEqualTo("werkstatt-west-2024");
        assertThat(overview.path("counts").path("eligible").asInt()).isEqualTo(1);
        JsonNode hamm = overview.path("entries").path(0);
        assertThat(hamm.path("buendnisId").asText()).isEqualTo("hamm");
        assertThat(hamm.path("name").asText()).isEqualTo("Lokales Bündnis für Familie Hamm");
        assertThat(hamm.path("bundesland").asText()).isEqualTo("DE-NW");
        assertThat(hamm.path("status").asText()).isEqualTo("ELIGIBLE");
        assertThat(hamm.path("basis").asText()).isEqualTo("SURVEY");
        assertThat(hamm.path("criteria").path("surveySufficient").path("activityLevel").decimalValue())
                .isEqualByComparingTo("3.33");
        assertThat(hamm.path("criteria").path("werkstattAttended").path("date").asText()).isEqualTo("2024-09-18");
        assertThat(hamm.path("criteria").path("werkstattAttended").path("representativeOrganisation").asText())
                .isEqualTo("Caritasverband Hamm e. V.");
    }

    @Test
    void filtersNarrowTheEntries() {
        assertThat(get("/api/eligibility/2024-25?bundesland=DE-BY", "X-Event-Position", String.valueOf(head()))
                .json().path("entries")).isEmpty();
        assertThat(get("/api/eligibility/2024-25?status=ELIGIBLE&bundesland=DE-NW", "X-Event-Position",
                String.valueOf(head())).json().path("entries")).hasSize(1);
    }

    @Test
    void oneAllianceHasItsOwnEntryAndAnUnknownOneAnswers404() {
        long head = head();
        assertThat(get("/api/eligibility/2024-25/hamm?position=" + head).json().path("status").asText())
                .isEqualTo("ELIGIBLE");

        Answer unknown = get("/api/eligibility/2024-25/bremen?position=" + head);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.violations()).containsExactly("buendnisId:known");
    }

    @Test
    void anUnknownPeriodAnswers404() {
        Answer answer = get("/api/eligibility/2030-31");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.violations()).containsExactly("period:known");
    }

    @Test
    void invalidOrHostileParametersAnswer400NamingTheField() {
        assertThat(get("/api/eligibility/2024-25?status=NOPE").violations()).containsExactly("status:one-of");
        assertThat(get("/api/eligibility/2024-25?bundesland=XX").violations()).containsExactly("bundesland:iso-3166-2");
        assertThat(get("/api/eligibility/2024-25?q%5B%24ne%5D=1").violations()).containsExactly("q[$ne]:known-parameter");
        assertThat(get("/api/eligibility/2024-26").violations()).containsExactly("period:consecutive-years");
        assertThat(get("/api/eligibility/2024-25/hamm?status=GRANTED").violations())
                .containsExactly("status:known-parameter");
        assertThat(get("/api/eligibility/2024-25/not%20an%20id").violations()).containsExactly("buendnisId:id-format");

        Answer answer = get("/api/eligibility/2024-25?status=NOPE&bundesland=XX");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.violations()).containsExactlyInAnyOrder("status:one-of", "bundesland:iso-3166-2");
    }

    /** A period of its own, so that what it changes does not meet the other tests. */
    @Test
    void theStreamSendsTheOverviewThenTheOverviewAgainAfterEachChange() throws Exception {
        AwardPeriod period = AwardPeriod.of("2025/26");
        String stream = "seal-award:2025/26";
        append(stream, new AwardPeriodOpened(period, CampaignYear.of(2025), "Ausgezeichnet in die Zukunft",
                new AwardCeremony(LocalDate.of(2025, 11, 14), "Berlin"), GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, PERIOD, List.of()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/eligibility/2025-26/stream?position="
                + head()))
                .header("Authorization", TestTokens.bearer(Role.STAFF)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        try (Stream<String> lines = response.body()) {
            Iterator<String> events = lines.iterator();
            JsonNode first = nextOverview(events);
            assertThat(first.path("sealName").asText()).isEqualTo("Ausgezeichnet in die Zukunft");
            assertThat(first.path("entries")).isEmpty();

            append(stream, new SurveyOutcomeRecorded(period, BuendnisId.of("hamm"), new SurveyOutcome(
                    CampaignYear.of(2025), new ActivityLevel(new BigDecimal("2.50"), 5, 2), new BigDecimal("3.00"),
                    false, true, SubmissionChannel.INTERVIEW, 7)));

            JsonNode next = nextOverview(events);
            assertThat(next.path("counts").path("missing").asInt()).isEqualTo(1);
            JsonNode hamm = next.path("entries").path(0);
            assertThat(hamm.path("name").asText()).isEqualTo("Lokales Bündnis für Familie Hamm");
            assertThat(hamm.path("status").asText()).isEqualTo("MISSING");
            assertThat(hamm.path("missing").path(0).path("criterion").asText()).isEqualTo("SURVEY_SUFFICIENT");
            assertThat(hamm.path("criteria").path("surveySufficient").path("channel").asText()).isEqualTo("INTERVIEW");
        }
    }

    @Test
    void theStreamOfAnUnknownPeriodAnswers404() {
        Answer answer = get("/api/eligibility/2030-31/stream");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.violations()).containsExactly("period:known");
    }

    @Test
    void theOpenApiDocumentListsTheEndpointsAndTheirFilters() {
        JsonNode paths = get("/v3/api-docs").json().path("paths");

        assertThat(paths.has("/api/eligibility/{period}/{buendnisId}")).isTrue();
        assertThat(paths.has("/api/eligibility/{period}/stream")).isTrue();
        List<String> parameters = new ArrayList<>();
        paths.path("/api/eligibility/{period}").path("get").path("parameters")
                .forEach(p -> parameters.add(p.path("name").asText()));
        assertThat(parameters).contains("period", "status", "bundesland", "X-Event-Position");
    }

    /** The next {@code data:} line of the event stream, waiting at most ten seconds for it. */
    private static JsonNode nextOverview(Iterator<String> stream) throws Exception {
        String data = CompletableFuture.supplyAsync(() -> {
            while (stream.hasNext()) {
                String line = stream.next();
                if (line.startsWith("data:")) {
                    return line.substring("data:".length());
                }
            }
            throw new IllegalStateException("the stream ended");
        }).get(10, TimeUnit.SECONDS);
        return JSON.readTree(data);
    }

    private static WerkstattAttendance attendance() {
        return new WerkstattAttendance(WEST.werkstattId(), WEST.region(), WEST.place(), WEST.date(), WEST.format(),
                AttendanceMode.REPRESENTATIVE, "Caritasverband Hamm e. V.");
    }

    private void append(String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        String type = aggregateId.startsWith("buendnis:") ? "Buendnis" : "SealAward";
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload));
    }

    private long head() {
        return projections.headPosition();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private Answer get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", TestTokens.bearer(Role.STAFF)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** {@code field:rule} of each violation of a problem+json answer. */
        List<String> violations() {
            List<String> found = new ArrayList<>();
            json().path("violations").forEach(v -> found.add(v.path("field").asText() + ":" + v.path("rule").asText()));
            return found;
        }
    }
}
