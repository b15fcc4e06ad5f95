package de.lokalebuendnisse.platform.http.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's OpenAPI document must say to be the complete contract: each operation's problem answers as
 * {@code application/problem+json} with the one problem schema, one schema per class (no two request or response
 * classes under one name), the allowed values of enumerations as {@code enum}. Used by each service's
 * {@code OpenApiContractTest}.
 */
public final class OpenApiAssertions {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenApiAssertions() {
    }

    public static JsonNode read(String apiDocs) {
        return JSON.readTree(apiDocs);
    }

    /** Every operation under {@code /api/}: "METHOD /path" to its node. */
    public static Map<String, JsonNode> operations(JsonNode docs) {
        Map<String, JsonNode> operations = new TreeMap<>();
        JsonNode paths = docs.path("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                if (path.startsWith("/api/") && Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                    operations.put(method.toUpperCase() + " " + path, paths.path(path).path(method));
                }
            }
        }
        return operations;
    }

    /** The statuses an operation documents as problem+json answers. */
    public static Set<Integer> problemStatuses(JsonNode operation) {
        Set<Integer> statuses = new TreeSet<>();
        JsonNode responses = operation.path("responses");
        for (String status : responses.propertyNames()) {
            if (responses.path(status).path("content").has(PROBLEM_JSON)) {
                statuses.add(Integer.parseInt(status));
            }
        }
        return statuses;
    }

    /**
     * The problem schema is documented with {@code violations[{field, rule, detail}]}; every operation documents 400,
     * every operation with a body 413, each exactly as problem+json with that schema, and every 4xx and 5xx answer
     * an operation documents is problem+json; {@code expected} gives each operation's statuses beyond 400 and 413
     * (an operation missing from it fails, so a new one must be looked at); a protected operation (one with a
     * {@code security} requirement) also documents 401 and 403.
     */
    public static void assertProblemAnswers(JsonNode docs, Map<String, Set<Integer>> expected) {
        JsonNode schemas = docs.path("components").path("schemas");
        JsonNode problem = schemas.path("Problem");
        assertThat(problem.path("properties").propertyNames()).as("Problem properties")
                .contains("type", "title", "status", "detail", "violations");
        assertThat(problem.path("properties").path("violations").path("items").path("$ref").asString())
                .isEqualTo("#/components/schemas/Violation");
        assertThat(schemas.path("Violation").path("properties").propertyNames()).as("Violation properties")
                .containsExactlyInAnyOrder("field", "rule", "detail");

        Map<String, JsonNode> operations = operations(docs);
        assertThat(operations).as("operations").isNotEmpty();
        assertThat(operations.keySet()).as("operations with their expected problem answers")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        List<String> wrong = new ArrayList<>();
        operations.forEach((name, operation) -> {
            Set<Integer> want = new TreeSet<>(expected.get(name));
            want.add(400);
            if (operation.has("requestBody")) {
                want.add(413);
            }
            if (!operation.path("security").isEmpty()) {
                // a protected operation: no or a refused token, or a token without the role
                want.addAll(List.of(401, 403));
            }
            Set<Integer> documented = problemStatuses(operation);
            if (!documented.equals(want)) {
                wrong.add(name + " documents " + documented + ", answers " + want);
            }
            JsonNode responses = operation.path("responses");
            for (String status : responses.propertyNames()) {
                if (Integer.parseInt(status) < 400) {
                    continue;
                }
                JsonNode content = responses.path(status).path("content");
                List<String> types = new ArrayList<>();
                content.propertyNames().forEach(types::add);
                if (!types.equals(List.of(PROBLEM_JSON))) {
                    wrong.add(name + " " + status + " is answered as " + types);
                } else if (!PROBLEM_REF.equals(content.path(PROBLEM_JSON).path("schema").path("$ref").asString())) {
                    wrong.add(name + " " + status + " has no Problem schema");
                }
            }
        });
        assertThat(wrong).as("operations whose problem answers are not documented as they occur").isEmpty();
    }

    /**
     * The classes the handlers take as request bodies and answer with, and the classes of the project these name
     * (record components, generic arguments), each under a schema name of its own, and each of them in the
     * document: two classes under one name would show only one of them.
     */
    public static void assertOneSchemaPerClass(JsonNode docs, Collection<HandlerMethod> handlers) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (HandlerMethod handler : handlers) {
            if (!handler.getBeanType().getPackageName().startsWith("de.lokalebuendnisse")) {
                continue;
            }
            collect(handler.getMethod().getGenericReturnType(), classes);
            for (Parameter parameter : handler.getMethod().getParameters()) {
                if (parameter.isAnnotationPresent(RequestBody.class)) {
                    collect(parameter.getParameterizedType(), classes);
                }
            }
        }
        Map<String, List<String>> byName = classes.stream().collect(Collectors.groupingBy(OpenApiAssertions::schemaName,
                TreeMap::new, Collectors.mapping(Class::getName, Collectors.toList())));
        assertThat(byName.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::toString))
                .as("schema names used by more than one class").isEmpty();
        assertThat(docs.path("components").path("schemas").propertyNames()).as("schemas of the document")
                .containsAll(byName.keySet());
    }

    /**
     * Each handler's request body and answer are documented under the schema of their own class: the operation's
     * request body refers to the body's class, its success answers to the answer's class.
     */
    public static void assertOperationsReferToTheirClasses(JsonNode docs, Map<RequestMappingInfo, HandlerMethod> handlers) {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlers.entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("de.lokalebuendnisse")
                    || entry.getKey().getPathPatternsCondition() == null) {
                continue;
            }
            for (String path : entry.getKey().getPathPatternsCondition().getPatternValues()) {
                for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                    JsonNode operation = docs.path("paths").path(path).path(method.name().toLowerCase());
                    if (operation.isMissingNode()) {
                        continue;
                    }
                    for (Parameter parameter : handler.getMethod().getParameters()) {
                        if (parameter.isAnnotationPresent(RequestBody.class)) {
                            checked++;
                            Set<String> refs = refs(operation.path("requestBody"));
                            String want = "#/components/schemas/" + schemaName(parameter.getType());
                            if (!refs.equals(Set.of(want))) {
                                wrong.add(method + " " + path + " takes " + refs + ", not " + want);
                            }
                        }
                    }
                    Class<?> answer = answerClass(handler.getMethod().getGenericReturnType());
                    if (answer != null) {
                        checked++;
                        Set<String> refs = new TreeSet<>();
                        JsonNode responses = operation.path("responses");
                        for (String status : responses.propertyNames()) {
                            if (status.startsWith("2")) {
                                refs.addAll(refs(responses.path(status)));
                            }
                        }
                        String want = "#/components/schemas/" + schemaName(answer);
                        if (!refs.contains(want)) {
                            wrong.add(method + " " + path + " answers " + refs + ", not " + want);
                        }
                    }
                }
            }
        }
        assertThat(checked).as("request bodies and answers checked").isPositive();
        assertThat(wrong).as("operations that do not refer to the schema of their own class").isEmpty();
    }

    /** The class of the project a handler answers with (unwrapping ResponseEntity and lists), or null. */
    private static Class<?> answerClass(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            if (raw == ResponseEntity.class || raw == List.class) {
                return answerClass(parameterized.getActualTypeArguments()[0]);
            }
            return null;
        }
        return type instanceof Class<?> type1 && type1.getPackageName().startsWith("de.lokalebuendnisse")
                && !type1.isEnum() && !type1.isInterface() ? type1 : null;
    }

    private static Set<String> refs(JsonNode node) {
        Set<String> refs = new TreeSet<>();
        if (node.has("$ref")) {
            refs.add(node.path("$ref").asString());
        }
        for (JsonNode child : node) {
            refs.addAll(refs(child));
        }
        return refs;
    }

    /** The schema name springdoc gives a class: its {@code @Schema(name)}, else its simple name. */
    public static String schemaName(Class<?> type) {
        Schema schema = type.getAnnotation(Schema.class);
        return schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName();
    }

    private static void collect(Type type, Set<Class<?>> into) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), into);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, into);
            }
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                collect(bound, into);
            }
        } else if (type instanceof Class<?> type1 && type1.isArray()) {
            collect(type1.getComponentType(), into);
        } else if (type instanceof Class<?> type1 && type1 != ResponseEntity.class
                && type1.getPackageName().startsWith("de.lokalebuendnisse") && !type1.isEnum()
                && !type1.isInterface() && !writtenAsValue(type1) && into.add(type1) && type1.isRecord()) {
            for (RecordComponent component : type1.getRecordComponents()) {
                collect(component.getGenericType(), into);
            }
        }
    }

    /** A value object written as its one value ({@code @JsonValue}, e.g. an id as text) has no schema of its own. */
    private static boolean writtenAsValue(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).anyMatch(field -> field.isAnnotationPresent(JsonValue.class))
                || Arrays.stream(type.getDeclaredMethods()).anyMatch(method -> method.isAnnotationPresent(JsonValue.class));
    }

    /**
     * Each field named in {@code expected} has exactly the enumeration's values as {@code enum} (on its items when
     * it is a list) wherever a request schema (one whose name ends with {@code Request}) has it, each is found at
     * least once, and no other field of a request schema has an {@code enum}.
     */
    public static void assertRequestEnums(JsonNode docs, Map<String, List<String>> expected) {
        Set<String> seen = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        JsonNode schemas = docs.path("components").path("schemas");
        for (String name : schemas.propertyNames()) {
            if (!name.endsWith("Request")) {
                continue;
            }
            JsonNode properties = schemas.path(name).path("properties");
            for (String property : properties.propertyNames()) {
                JsonNode field = properties.path(property);
                JsonNode values = field.has("items") ? field.path("items").path("enum") : field.path("enum");
                List<String> documented = new ArrayList<>();
                values.forEach(v -> documented.add(v.asString()));
                if (expected.containsKey(property)) {
                    seen.add(property);
                    if (!documented.equals(expected.get(property))) {
                        wrong.add(name + "." + property + " lists " + documented + ", allowed are "
                                + expected.get(property));
                    }
                } else if (!documented.isEmpty()) {
                    wrong.add(name + "." + property + " lists " + documented + " but is no enumeration");
                }
            }
        }
        assertThat(wrong).as("request fields whose allowed values are not documented").isEmpty();
        assertThat(seen).as("enumeration fields found in request schemas").isEqualTo(expected.keySet());
    }

    /**
     * Each query parameter named in {@code expected} ("METHOD /path parameter") has exactly those values as
     * {@code enum}, and no other parameter has an {@code enum}.
     */
    public static void assertParameterEnums(JsonNode docs, Map<String, List<String>> expected) {
        Map<String, List<String>> documented = new TreeMap<>();
        operations(docs).forEach((name, operation) -> {
            for (JsonNode parameter : operation.path("parameters")) {
                JsonNode values = parameter.path("schema").path("enum");
                if (!values.isEmpty()) {
                    List<String> list = new ArrayList<>();
                    values.forEach(v -> list.add(v.asString()));
                    documented.put(name + " " + parameter.path("name").asString(), list);
                }
            }
        });
        assertThat(documented).as("parameters with their allowed values").isEqualTo(new TreeMap<>(expected));
    }

    /** The names of an enumeration's constants, in order. */
    public static List<String> names(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        return names;
    }
}
