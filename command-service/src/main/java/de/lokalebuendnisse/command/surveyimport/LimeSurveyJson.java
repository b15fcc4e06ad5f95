package de.lokalebuendnisse.command.surveyimport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import de.lokalebuendnisse.kernel.common.Refusal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LimeSurvey's JSON response export ({@code {"responses":[{"<code>": value, ...}, ...]}}, subquestions as
 * {@code Q2[SQ001]}). Older LimeSurvey versions wrap each response in an object keyed by its response id
 * ({@code [{"17": {...}}]}); that wrapper is taken off. Values are kept as written: a string as it is, a number by
 * its JSON text (so {@code 2.5} stays "2.5" and is no score), null as no answer.
 */
final class LimeSurveyJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private LimeSurveyJson() {
    }

    static AnswerTable read(byte[] file) {
        JsonNode root;
        try {
            root = JSON.readTree(Utf8.text(file));
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new SurveyFileException("file", "json-syntax", "the file is no valid JSON (line " + line + ")");
        } catch (IOException e) {
            throw new SurveyFileException("file", "json-syntax", "the file is no valid JSON");
        }
        if (root == null || !root.isObject() || !root.path("responses").isArray()) {
            throw new SurveyFileException("file", "responses-array",
                    "a LimeSurvey JSON export is an object with the array 'responses'");
        }
        Set<String> columns = new LinkedHashSet<>();
        List<AnswerTable.Row> rows = new ArrayList<>();
        int number = 0;
        for (JsonNode response : root.path("responses")) {
            number++;
            JsonNode answers = unwrapped(response);
            Map<String, String> values = new LinkedHashMap<>();
            List<Refusal.Reason> problems = new ArrayList<>();
            if (!answers.isObject()) {
                problems.add(new Refusal.Reason("responses[" + (number - 1) + "]", "response-object",
                        "each response must be an object of question codes and answers"));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    columns.add(field.getKey());
                    JsonNode value = field.getValue();
                    if (value.isNull()) {
                        values.put(field.getKey(), null);
                    } else if (value.isTextual()) {
                        values.put(field.getKey(), value.textValue());
                    } else if (value.isNumber()) {
                        values.put(field.getKey(), value.toString());
                    } else {
                        problems.add(new Refusal.Reason(field.getKey(), "answer-text",
                                "must be a text, a number or null, not " + value.getNodeType().name().toLowerCase()));
                    }
                }
            }
            rows.add(new AnswerTable.Row(number, values, problems));
        }
        return new AnswerTable(columns, rows);
    }

    private static JsonNode unwrapped(JsonNode response) {
        if (response.isObject() && response.size() == 1) {
            JsonNode only = response.elements().next();
            if (only.isObject()) {
                return only;
            }
        }
        return response;
    }
}
