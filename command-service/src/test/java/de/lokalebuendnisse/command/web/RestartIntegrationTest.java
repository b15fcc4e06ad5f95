package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.command.CommandServiceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;

import static de.lokalebuendnisse.command.web.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Stop and start on the same data folder: events, idempotency records and process tokens are all still there. */
class RestartIntegrationTest {

    @TempDir
    Path data;

    @Test
    void stateSurvivesARestartOnTheSameDataFolder() {
        String registration = json("""
                {'id': 'restart-hamm', 'name': 'Lokales Bündnis für Familie Hamm', 'municipalityKey': '05915000',
                 'place': 'Hamm', 'bundesland': 'DE-NW', 'organisationForm': 'REGISTERED_ASSOCIATION',
                 'foundedOn': '2005-03-01', 'fieldsOfAction': ['CHILD_CARE']}""");
        String submission = json("""
                {'buendnisId': 'restart-hamm', 'scores': [{'criterionId': 'netzwerk', 'score': 3}],
                 'projektZukunftInterest': true, 'channel': 'ONLINE'}""");
        HttpApi.Answer firstAnswer;
        long eventsBefore;

        try (ConfigurableApplicationContext first = start()) {
            HttpApi api = api(first);
            firstAnswer = api.post("/api/buendnisse", registration, "Idempotency-Key", "restart-key-1");
            assertThat(firstAnswer.status()).isEqualTo(201);
            assertThat(api.post("/api/survey-campaigns", json("""
                    {'year': 2024, 'title': 'Bündnisumfrage 2024', 'criteria': [{'id': 'netzwerk', 'title': 'Netzwerk'}],
                     'scale': {'min': 0, 'max': 4}, 'threshold': 2.5, 'opensOn': '2024-03-01', 'closesOn': '2024-06-30'}"""))
                    .status()).isEqualTo(201);
            assertThat(api.post("/api/survey-campaigns/2024/submissions", submission).status()).isEqualTo(201);
            eventsBefore = eventCount(first);
        }

        try (ConfigurableApplicationContext second = start()) {
            HttpApi api = api(second);
            assertThat(eventCount(second)).isEqualTo(eventsBefore);

            HttpApi.Answer retried = api.post("/api/buendnisse", registration, "Idempotency-Key", "restart-key-1");
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retried.body()).isEqualTo(firstAnswer.body());

            assertThat(api.post("/api/buendnisse", registration).status()).as("the alliance is still registered")
                    .isEqualTo(409);
            assertThat(api.post("/api/survey-campaigns/2024/submissions", submission).status())
                    .as("the identical submission is recognised as a retry").isEqualTo(201);
            HttpApi.Answer amended = api.put("/api/survey-campaigns/2024/submissions/restart-hamm", json("""
                    {'scores': [{'criterionId': 'netzwerk', 'score': 2}], 'projektZukunftInterest': true,
                     'channel': 'INTERVIEW'}"""));
            assertThat(amended.status()).isEqualTo(200);
            assertThat(amended.json().path("sufficient").asBoolean()).isFalse();
            assertThat(eventCount(second)).isEqualTo(eventsBefore + 1);
        }
    }

    private ConfigurableApplicationContext start() {
        // arguments, not default properties: application.yml's own lbf.data-dir would win over those
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .run("--server.port=0", "--lbf.data-dir=" + data, "--" + TestTokens.ISSUER_SETTING,
                        "--" + TestTokens.KEY_SETTING);
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return new HttpApi(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static long eventCount(ConfigurableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("select count(*) from DomainEventEntry", Long.class);
    }
}
