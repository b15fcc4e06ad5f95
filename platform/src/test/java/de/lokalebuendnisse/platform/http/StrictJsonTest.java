package de.lokalebuendnisse.platform.http;

import de.lokalebuendnisse.kernel.common.Refusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Request bodies are read as written: no number, boolean or text is made out of anything else. */
class StrictJsonTest {

    record Score(String criterionId, Integer score) {
    }

    record Survey(Integer year, List<Score> scores, Boolean interest, BigDecimal threshold, String channel) {
    }

    private final JsonMapper mapper = mapper();

    private static JsonMapper mapper() {
        return HttpBoundaryConfiguration.strictMapper(JsonMapper.builder().build(),
                org.springframework.util.unit.DataSize.ofKilobytes(64));
    }

    @Test
    void aWellTypedBodyIsReadAndItsTextTrimmedAndComposed() {
        Survey survey = mapper.readValue("""
                {"year":2024,"scores":[{"criterionId":" netz ","score":3}],"interest":true,"threshold":3.0,
                 "channel":"Bu\\u0308ndnis"}""", Survey.class);
        assertThat(survey.scores().get(0)).isEqualTo(new Score("netz", 3));
        assertThat(survey.threshold()).isEqualByComparingTo("3.0");
        assertThat(survey.channel()).isEqualTo("Bündnis");
        assertThat(mapper.readValue("{\"threshold\":3}", Survey.class).threshold())
                .isEqualByComparingTo("3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"scores":[{"score":1},{"score":2},{"score":2.99}]}  | scores[2].score | integer
            {"scores":[{"score":"4"}]}                           | scores[0].score | integer
            {"scores":[{"score":4.0}]}                           | scores[0].score | integer
            {"scores":[{"score":true}]}                          | scores[0].score | integer
            {"scores":[{"score":""}]}                            | scores[0].score | integer
            {"scores":[{"score":1e2}]}                           | scores[0].score | integer
            {"scores":[{"score":99999999999}]}                   | scores[0].score | integer
            {"year":3.5}                                         | year            | integer
            {"year":"2024"}                                      | year            | integer
            {"year":[2024]}                                      | year            | integer
            {"threshold":"3.0"}                                  | threshold       | number
            {"threshold":true}                                   | threshold       | number
            {"interest":1}                                       | interest        | boolean
            {"interest":"true"}                                  | interest        | boolean
            {"interest":"yes"}                                   | interest        | boolean
            {"channel":5}                                        | channel         | string
            {"channel":true}                                     | channel         | string
            {"channel":{"a":1}}                                  | channel         | string
            {"channel":"a\\u0000b"}                              | channel         | no-control-characters
            {"channel":"a\\u001b[31mb"}                          | channel         | no-control-characters
            {"channel":"a\\u202Eb"}                              | channel         | no-bidi-controls
            {"channel":"a\\u2066b"}                              | channel         | no-bidi-controls
            {"channel":"a\\ud800b"}                              | channel         | no-lone-surrogates
            {"channel":"a\\udc00"}                               | channel         | no-lone-surrogates
            {"scores":{"score":1}}                               | scores          | array
            {"scores":[5]}                                       | scores[0]       | object
            {"unknown":1}                                        | unknown         | known-field
            {"year":2024,"year":2025}                            | body            | unique-fields
            {"year":2024} {"year":2025}                          | body            | readable-json
            {"year":                                             | body            | readable-json
            """)
    void anythingButTheExactTypeIsRefusedNamingTheFieldAndTheRule(String body, String field, String rule) {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> mapper.readValue(body, Survey.class));
        Refusal.Reason reason = JsonBodyProblems.reason(e);
        assertThat(reason.field()).isEqualTo(field);
        assertThat(reason.rule()).isEqualTo(rule);
        assertThat(reason.detail()).doesNotContain("java.", "Integer", "String", "tools.jackson", "Survey");
    }

    @Test
    void deepNestingAndLongNumbersAreRefusedBeforeTheyCostAnything() {
        String deep = "{\"scores\":" + "[".repeat(200) + "]".repeat(200) + "}";
        assertThat(JsonBodyProblems.reason(catchThrowableOfType(JacksonException.class,
                () -> mapper.readValue(deep, Survey.class))).rule()).isIn("json-limits", "object");
        String longNumber = "{\"threshold\":" + "9".repeat(5000) + "}";
        assertThat(JsonBodyProblems.reason(catchThrowableOfType(JacksonException.class,
                () -> mapper.readValue(longNumber, Survey.class))).rule()).isEqualTo("json-limits");
    }
}
