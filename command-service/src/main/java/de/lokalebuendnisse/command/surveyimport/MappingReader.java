package de.lokalebuendnisse.command.surveyimport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SurveyImportMapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the mapping (JSON) strictly: every field with its own type, no coercion ("2" is no score, 2.5 neither),
 * unknown fields refused; every problem is reported at once, named {@code mapping.<field>}.
 * <pre>
 * {"allianceColumn": "token", "allianceIds": {"tok-1": "hamm"},
 *  "criteria": {"Q2[SQ001]": "netzwerk", ...}, "answerScores": {"A1": 1, ...}, "numericAnswers": false,
 *  "interestColumn": "Q5", "interestYes": ["Y"], "interestNo": ["N"], "channel": "ONLINE"}
 * </pre>
 */
final class MappingReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> FIELDS = Set.of("allianceColumn", "allianceIds", "criteria", "answerScores",
            "numericAnswers", "interestColumn", "interestYes", "interestNo", "channel");
    private static final int MAX_TEXT = 200;

    private final List<Refusal.Reason> problems = new ArrayList<>();

    private MappingReader() {
    }

    static SurveyImportMapping read(byte[] json, SurveyImportFormat format) {
        return new MappingReader().readMapping(json, format);
    }

    private SurveyImportMapping readMapping(byte[] json, SurveyImportFormat format) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw new SurveyFileException("mapping", "json-syntax", "the mapping must be one valid JSON object");
        }
        if (root == null || !root.isObject()) {
            throw new SurveyFileException("mapping", "json-object", "the mapping must be one JSON object");
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                problems.add(new Refusal.Reason("mapping." + SurveyFileException.excerpt(name).replace("'", ""),
                        "unknown-field", "the mapping has no such field"));
            }
        });
        String allianceColumn = text(root, "allianceColumn", true);
        Map<String, String> allianceIds = texts(root, "allianceIds", false);
        Map<String, String> criteria = texts(root, "criteria", true);
        if (criteria != null && criteria.isEmpty()) {
            problems.add(new Refusal.Reason("mapping.criteria", "not-empty", "must map at least one question"));
        }
        if (criteria != null && new HashSet<>(criteria.values()).size() < criteria.size()) {
            problems.add(new Refusal.Reason("mapping.criteria", "one-question-per-criterion",
                    "each criterion must be answered by one question code"));
        }
        Map<String, Integer> answerScores = scores(root);
        boolean numericAnswers = false;
        JsonNode numeric = root.get("numericAnswers");
        if (numeric != null && !numeric.isNull()) {
            if (numeric.isBoolean()) {
                numericAnswers = numeric.booleanValue();
            } else {
                problems.add(new Refusal.Reason("mapping.numericAnswers", "boolean", "must be true or false"));
            }
        }
        boolean noCodes = !root.hasNonNull("answerScores") || root.get("answerScores").isEmpty();
        if (noCodes && !numericAnswers) {
            problems.add(new Refusal.Reason("mapping.answerScores", "answers-scored",
                    "map answer codes to scores, or set numericAnswers for answers that are the score"));
        }
        String interestColumn = text(root, "interestColumn", true);
        List<String> yes = list(root, "interestYes");
        List<String> no = list(root, "interestNo");
        if (yes != null && no != null && yes.stream().anyMatch(no::contains)) {
            problems.add(new Refusal.Reason("mapping.interestNo", "disjoint",
                    "an answer cannot mean both yes and no"));
        }
        SubmissionChannel channel = format.defaultChannel();
        String rawChannel = text(root, "channel", false);
        if (rawChannel != null) {
            try {
                channel = SubmissionChannel.valueOf(rawChannel);
            } catch (IllegalArgumentException e) {
                problems.add(new Refusal.Reason("mapping.channel", "one-of", "must be ONLINE or INTERVIEW"));
            }
        }
        if (!problems.isEmpty()) {
            throw new SurveyFileException(problems);
        }
        return new SurveyImportMapping(allianceColumn, allianceIds, criteria, answerScores, numericAnswers,
                interestColumn, yes, no, channel);
    }

    private String text(JsonNode root, String field, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new Refusal.Reason("mapping." + field, "required", "must be given"));
            }
            return null;
        }
        if (!node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > MAX_TEXT) {
            problems.add(new Refusal.Reason("mapping." + field, "text", "must be a text of 1-" + MAX_TEXT + " characters"));
            return null;
        }
        return node.textValue();
    }

    private Map<String, String> texts(JsonNode root, String field, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new Refusal.Reason("mapping." + field, "required", "must be given"));
            }
            return required ? null : Map.of();
        }
        if (!node.isObject()) {
            problems.add(new Refusal.Reason("mapping." + field, "object", "must be an object of texts"));
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (!value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > MAX_TEXT) {
                problems.add(new Refusal.Reason("mapping." + field + "." + SurveyFileException.excerpt(entry.getKey())
                        .replace("'", ""), "text", "must be a text of 1-" + MAX_TEXT + " characters"));
            } else {
                values.put(entry.getKey(), value.textValue());
            }
        }
        return values;
    }

    private Map<String, Integer> scores(JsonNode root) {
        JsonNode node = root.get("answerScores");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add(new Refusal.Reason("mapping.answerScores", "object",
                    "must be an object of answer codes and whole-number scores"));
            return null;
        }
        Map<String, Integer> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (!value.isInt()) {
                problems.add(new Refusal.Reason("mapping.answerScores." + SurveyFileException.excerpt(entry.getKey())
                        .replace("'", ""), "whole-number", "must be a whole-number score, not " + value));
            } else {
                values.put(entry.getKey(), value.intValue());
            }
        }
        return values;
    }

    private List<String> list(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add(new Refusal.Reason("mapping." + field, "required", "must be given"));
            return null;
        }
        List<String> values = new ArrayList<>();
        if (!node.isArray() || node.isEmpty()) {
            problems.add(new Refusal.Reason("mapping." + field, "texts", "must be a non-empty array of texts"));
            return null;
        }
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                problems.add(new Refusal.Reason("mapping." + field, "texts", "must be a non-empty array of texts"));
                return null;
            }
            values.add(value.textValue());
        }
        return values;
    }
}
