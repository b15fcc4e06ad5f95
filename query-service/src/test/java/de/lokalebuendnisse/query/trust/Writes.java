package de.lokalebuendnisse.query.trust;

import com.fasterxml.jackson.databind.JsonNode;
import de.lokalebuendnisse.platform.testing.Http;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Request bodies and steps the trust tests share. */
final class Writes {

    static final String CAMPAIGN_2024 = json("""
            {'year': 2024, 'title': 'Bündnisumfrage 2024', 'scale': {'min': 0, 'max': 4}, 'threshold': 3.0,
             'criteria': [{'id': 'netzwerk', 'title': 'Netzwerk und Partner'}, {'id': 'projekte', 'title': 'Projekte'}],
             'opensOn': '2024-03-01', 'closesOn': '2024-06-30'}""");
    static final String PERIOD_2024_25 = json("""
            {'period': '2024/25', 'surveyYear': 2024, 'sealName': 'Ausgezeichnetes Bündnis 2024/25',
             'ceremony': {'date': '2024-11-22', 'place': 'Berlin'}, 'renewalRule': 'RENEW_BY_WERKSTATT_ATTENDANCE'}""");
    static final String WERKSTATT = json("""
            {'werkstattId': 'hamm-2024', 'region': 'West', 'place': 'Hamm', 'date': '2024-09-12',
             'format': 'IN_PERSON'}""");

    private Writes() {
    }

    static String registration(String id) {
        return json("""
                {'id': '%s', 'name': 'Bündnis %s', 'municipalityKey': '05915000', 'place': 'Hamm',
                 'bundesland': 'DE-NW', 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2005-03-01',
                 'website': 'https://example.org', 'fieldsOfAction': ['CHILD_CARE'],
                 'futureTopics': ['CHILD_CARE']}""".formatted(id, id));
    }

    static String partner(String partnerId) {
        return json("{'partnerId': '%s', 'name': 'Partner %s', 'type': 'MUNICIPALITY'}".formatted(partnerId,
                partnerId));
    }

    static String submission(String buendnisId) {
        return json("""
                {'buendnisId': '%s', 'scores': [{'criterionId': 'netzwerk', 'score': 4},
                 {'criterionId': 'projekte', 'score': 3}], 'projektZukunftInterest': true, 'channel': 'ONLINE'}"""
                .formatted(buendnisId));
    }

    static String attendance(String buendnisId) {
        return json("{'werkstattId': 'hamm-2024', 'buendnisId': '%s', 'mode': 'SELF'}".formatted(buendnisId));
    }

    static Http.Answer created(Http.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer;
    }

    /** Starts a replay and waits until it has finished; its report. */
    static JsonNode replay(Http audits) throws InterruptedException {
        Http.Answer started = audits.post("/api/audit/replays", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().path("id").asText();
        JsonNode finished = await("replay " + id + " finishes").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    JsonNode state = audits.get("/api/audit/replays/" + id).json();
                    assertThat(state.path("status").asText()).as(state.toString()).isNotEqualTo("FAILED");
                    return state;
                }, state -> state.path("status").asText().equals("FINISHED"));
        return finished.path("report");
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
