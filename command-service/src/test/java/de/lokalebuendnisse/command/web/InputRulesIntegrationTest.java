package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.http.hostile.Answer;
import de.lokalebuendnisse.platform.http.hostile.HostileClient;
import de.lokalebuendnisse.platform.http.hostile.Probe;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static de.lokalebuendnisse.command.web.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input rules of the issue's examples, one by one: numbers as written, plausible dates, clean text, bodies
 * limited before parsing, JSON only, no body where none is taken, and every refusal as problem+json naming the
 * field and the rule and echoing at most a short excerpt. Nothing refused is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class InputRulesIntegrationTest {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-input-rules");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    HttpApi api;
    long events;

    @BeforeEach
    void client() {
        api = new HttpApi(port);
        events = eventCount();
    }

    private static final String SURVEY = """
            {'buendnisId': 'hamm', 'projektZukunftInterest': true, 'channel': 'ONLINE',
             'scores': [{'criterionId': 'a', 'score': 4}, {'criterionId': 'b', 'score': 3},
                        {'criterionId': 'c', 'score': %s}]}""";

    @Test
    void aScoreThatIsNotAnExactIntegerIsRefusedNamingItsPath() {
        for (String score : List.of("2.99", "'4'", "4.0", "true", "1e0", "99999999999", "null")) {
            HttpApi.Answer answer = api.post("/api/survey-campaigns/2024/submissions", json(SURVEY.formatted(score)));
            assertThat(answer.status()).as(score + " " + answer).isEqualTo(400);
            assertThat(answer.json().path("violations").get(0).path("field").asText()).as(score)
                    .isEqualTo("scores[2].score");
            assertThat(answer.rules()).as(score).containsExactly(score.equals("null") ? "required" : "integer");
            assertThat(answer.body()).doesNotContain("java", "Integer", "Exception", "ScoreRequest");
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void numbersBooleansAndTextAreNeverCoerced() {
        assertRefused(api.post("/api/survey-campaigns", json("{'year': 3.5}")), "year", "integer");
        assertRefused(api.post("/api/survey-campaigns", json("{'year': '2024'}")), "year", "integer");
        assertRefused(api.post("/api/survey-campaigns", json("{'threshold': '3.0'}")), "threshold", "number");
        assertRefused(api.post("/api/survey-campaigns", json("{'scale': {'min': 0, 'max': 4.5}}")), "scale.max",
                "integer");
        assertRefused(api.post("/api/survey-campaigns/2024/submissions",
                json(SURVEY.formatted("3").replace("true", "1"))), "projektZukunftInterest", "boolean");
        assertRefused(api.post("/api/survey-campaigns/2024/submissions",
                json(SURVEY.formatted("3").replace("'hamm'", "42"))), "buendnisId", "string");
        assertRefused(api.post("/api/audit/chain/seals", json("{'year': 2024, 'extra': 1}")), "extra", "known-field");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void implausibleDatesAreRefused() {
        for (String date : List.of("2999-01-01", "1899-12-31", "0001-01-01")) {
            assertRefused(api.post("/api/buendnisse", register("foundedOn", date)), "foundedOn", "date-range");
        }
        for (String date : List.of("-0001-01-01", "+12024-01-01", "2024-1-1", "01.01.2024")) {
            assertRefused(api.post("/api/buendnisse", register("foundedOn", date)), "foundedOn", "iso-date");
        }
        assertRefused(api.post("/api/buendnisse", register("foundedOn", "2024-02-30")), "foundedOn", "iso-date");
        assertRefused(api.post("/api/buendnisse/hamm/dissolve", json("{'dissolvedOn': '9999-12-31'}")),
                "dissolvedOn", "date-range");
        assertRefused(api.post("/api/buendnisse", register("foundedOn", java.time.LocalDate.now().plusDays(2)
                .toString())), "foundedOn", "not-in-future");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void namesAndPlacesRefuseControlBidiAndLoneSurrogateCharacters() {
        assertRefused(api.post("/api/buendnisse", register("name", "Ha\\u0000mm")), "name", "no-control-characters");
        assertRefused(api.post("/api/buendnisse", register("name", "\\u001b[31mHamm")), "name", "no-control-characters");
        assertRefused(api.post("/api/buendnisse", register("place", "Ha\\u202emm")), "place", "no-bidi-controls");
        assertRefused(api.post("/api/buendnisse", register("place", "Ha\\u2066mm")), "place", "no-bidi-controls");
        assertRefused(api.post("/api/buendnisse", register("name", "Hamm\\ud800")), "name", "no-lone-surrogates");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aLongInvalidValueIsEchoedOnlyAsAShortExcerpt() {
        HttpApi.Answer answer = api.post("/api/buendnisse", register("bundesland", "X".repeat(4_000)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().length()).isLessThan(1000);
        assertThat(answer.body()).contains("(4000 characters)");
    }

    @Test
    void bodiesOverTheLimitAreRefusedBeforeParsingAlsoWhenChunked() {
        HostileClient client = new HostileClient(port);
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        for (Probe probe : List.of(Probe.json("announced", "POST", "/api/buendnisse", big),
                Probe.json("chunked", "POST", "/api/buendnisse", big).sentChunked())) {
            Answer answer = client.send(probe);
            assertThat(answer.status()).as(probe.name()).isEqualTo(413);
            HostileClient.assertRefused(probe, answer);
            assertThat(answer.body()).contains("max-body-size");
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void hugeBodiesEvenManyAtOnceAreRefusedWithoutBeingRead() throws Exception {
        Assumptions.assumeTrue(HostileInputTest.HEAVY, "heavy: LBF_HEAVY_TESTS=true");
        HostileClient client = new HostileClient(port);
        for (long size : List.of(20L << 20, 100L << 20)) {
            for (boolean chunked : List.of(false, true)) {
                Answer answer = client.sendLarge("POST", "/api/buendnisse", size, chunked);
                assertThat(answer.status()).as(size + " chunked=" + chunked + " " + answer).isEqualTo(413);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Answer>> answers = java.util.stream.IntStream.range(0, 6)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> client.sendLarge("POST", "/api/buendnisse", 60L << 20, i % 2 == 0), pool))
                    .toList();
            for (CompletableFuture<Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(413);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void bodylessEndpointsRefuseBodiesAndFormsAndBodyEndpointsTakeOnlyJson() {
        HostileClient client = new HostileClient(port);
        for (String path : List.of("/api/survey-campaigns/2024/close", "/api/seal-awards/2024-25/ceremony",
                "/api/buendnisse/hamm/resume", "/api/seal-awards/2024-25/close")) {
            Answer form = client.send(Probe.of("form", "POST", path).withBody("application/x-www-form-urlencoded", "a=1"));
            assertThat(form.status()).as(path).isEqualTo(415);
            Answer emptyForm = client.send(Probe.of("form", "POST", path).withBody("text/plain", ""));
            assertThat(emptyForm.status()).as(path).isEqualTo(415);
            Answer body = client.send(Probe.json("body", "POST", path, "{}"));
            assertThat(body.status()).as(path).isEqualTo(400);
            assertThat(body.body()).contains("\"rule\":\"no-body\"");
        }
        Answer text = client.send(Probe.of("text", "POST", "/api/buendnisse").withBody("text/plain",
                register("name", "Hamm")));
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.body()).contains("\"field\":\"Content-Type\"", "\"rule\":\"media-type\"");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void whatTomcatRefusesIsAnsweredAsProblemJsonToo() {
        HostileClient client = new HostileClient(port);
        for (String raw : List.of("GET /api/buendnisse/a%2Fb/x HTTP/1.1", "GET /api/a%00b HTTP/1.1",
                "GET /api/a\\b HTTP/1.1", "GET /api/x?q=%ZZ HTTP/1.1")) {
            Probe probe = Probe.raw(raw, raw + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            Answer answer = client.send(probe);
            assertThat(answer.status()).as(raw + " " + answer).isEqualTo(400);
            HostileClient.assertRefused(probe, answer);
        }
        Probe bigHeader = Probe.raw("big header", "GET /api/x HTTP/1.1\r\nHost: localhost\r\nX-A: "
                + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        HostileClient.assertRefused(bigHeader, client.send(bigHeader));
    }

    private static void assertRefused(HttpApi.Answer answer, String field, String rule) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("violations").findValuesAsText("field")).as(answer.toString()).contains(field);
        assertThat(answer.rules()).as(answer.toString()).contains(rule);
        assertThat(answer.body()).doesNotContain("java.", "Exception", "tools.jackson");
    }

    private static String register(String field, String value) {
        String body = json("""
                {'id': 'hamm', 'name': 'Lokales Bündnis für Familie Hamm', 'municipalityKey': '05915000',
                 'place': 'Hamm', 'bundesland': 'DE-NW', 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2005-05-01',
                 'fieldsOfAction': ['CHILD_CARE'], 'futureTopics': []}""");
        return body.replaceFirst("\"" + field + "\": \"[^\"]*\"", "\"" + field + "\": \"" + value.replace("\\", "\\\\") + "\"");
    }

    private long eventCount() {
        return new JdbcTemplate(dataSource).queryForObject("select count(*) from DomainEventEntry", Long.class);
    }
}
