package de.lokalebuendnisse.platform.http.hostile;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Generates hostile requests for every operation a service's OpenAPI document ({@code /v3/api-docs}) lists: a valid
 * request is built from the document's schemas and the service's examples, then broken in one place at a time
 * (wrong JSON types, floats for integers, text for numbers, huge values, control characters, bidi overrides, lone
 * surrogates, out-of-range dates, unknown enum values, nested junk, unknown fields, duplicate fields, oversized and
 * chunked bodies, wrong content types, bodies on bodyless endpoints, path and query junk, wrong methods), plus raw
 * requests Tomcat refuses before the application sees them. Every probe must be refused; a valid request is never
 * sent. Used by the hostile-input suites of both services.
 */
public final class HostileRequests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Writes {@code \\uXXXX} escapes for everything outside ASCII, so lone surrogates reach the server as such. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** What a service tells the generator about itself. */
    public record Service(
            /* valid value per path parameter name */ Map<String, String> pathExamples,
            /* valid JSON value per body field name (leaf fields) */ Map<String, Object> fieldExamples,
            /* body fields whose value is one of an enumeration (also lists of them) */ Set<String> enumFields,
            /* body fields that hold an ISO date */ Set<String> dateFields,
            /* operations ("GET /api/x/{id}") that refuse unknown or repeated query parameters */
            Predicate<String> strictParameters,
            /* operations not probed at all (e.g. the documentation itself) */ Predicate<String> skipped,
            long maxBodyBytes) {
    }

    private final JsonNode docs;
    private final Service service;
    private final List<Probe> probes = new ArrayList<>();
    /** Body fields the document lists with an {@code enum}, besides those the service names. */
    private final Set<String> documentedEnums = new java.util.HashSet<>();

    private HostileRequests(JsonNode docs, Service service) {
        this.docs = docs;
        this.service = service;
        for (JsonNode schema : docs.path("components").path("schemas")) {
            for (String property : schema.path("properties").propertyNames()) {
                JsonNode field = schema.path("properties").path(property);
                if (field.has("enum") || field.path("items").has("enum")) {
                    documentedEnums.add(property);
                }
            }
        }
    }

    /** The probes for every operation in {@code apiDocs}; {@code heavy} adds random combinations and huge bodies. */
    public static List<Probe> generate(String apiDocs, Service service, boolean heavy) {
        HostileRequests generator = new HostileRequests(JSON.readTree(apiDocs), service);
        generator.operations(heavy);
        generator.rawProbes();
        return generator.probes;
    }

    /**
     * The valid body of every operation that takes one ("METHOD /path" to JSON), as the probes start from: each
     * field from the service's examples, else the first of its {@code enum}, else a value of its type.
     */
    public static Map<String, String> validBodies(String apiDocs, Service service) {
        HostileRequests generator = new HostileRequests(JSON.readTree(apiDocs), service);
        Map<String, String> bodies = new LinkedHashMap<>();
        JsonNode paths = generator.docs.path("paths");
        for (String template : paths.propertyNames()) {
            for (String method : paths.path(template).propertyNames()) {
                JsonNode schema = generator.bodySchema(paths.path(template).path(method));
                if (schema != null && !service.skipped().test(method.toUpperCase() + " " + template)) {
                    bodies.put(method.toUpperCase() + " " + template,
                            JSON.writeValueAsString(generator.example(schema, "")));
                }
            }
        }
        return bodies;
    }

    /** The operations the document lists, as "METHOD /path". */
    public static List<String> operations(String apiDocs) {
        List<String> operations = new ArrayList<>();
        JsonNode paths = JSON.readTree(apiDocs).path("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                    operations.add(method.toUpperCase() + " " + path);
                }
            }
        }
        return operations;
    }

    private void operations(boolean heavy) {
        JsonNode paths = docs.path("paths");
        for (String template : paths.propertyNames()) {
            JsonNode item = paths.path(template);
            for (String method : item.propertyNames()) {
                if (!Set.of("get", "post", "put", "delete").contains(method)) {
                    continue;
                }
                String operation = method.toUpperCase() + " " + template;
                if (service.skipped().test(operation)) {
                    continue;
                }
                operation(method.toUpperCase(), template, item.path(method), heavy);
            }
        }
    }

    private void operation(String method, String template, JsonNode op, boolean heavy) {
        String name = method + " " + template;
        String path = fill(template, Map.of());
        JsonNode bodySchema = bodySchema(op);
        String validBody = bodySchema == null ? null : JSON.writeValueAsString(example(bodySchema, ""));

        // path junk: each path parameter in turn
        for (String parameter : pathParameters(template)) {
            for (String junk : PATH_JUNK) {
                Probe probe = Probe.of(name + " path " + parameter + "=" + junk, method,
                        fill(template, Map.of(parameter, junk)));
                probes.add(validBody == null ? probe : probe.withBody("application/json", validBody));
            }
        }
        // wrong methods on the same path
        probes.add(Probe.of(name + " PATCH", "PATCH", path).withBody("application/json", "{}"));

        if (bodySchema != null) {
            bodyProbes(name, method, path, bodySchema, validBody, heavy);
        } else {
            bodylessProbes(name, method, path);
        }
        if (method.equals("GET") || bodySchema == null) {
            queryProbes(name, method, path, op);
        } else {
            // the query string is read by no body endpoint; broken encoding is refused all the same
            probes.add(Probe.of(name + " query %ZZ", method, path + "?q=%ZZ").withBody("application/json",
                    validBody.replaceFirst("\\{", "{\"unknownField\":1,")));
        }
    }

    private void bodyProbes(String name, String method, String path, JsonNode schema, String validBody,
                            boolean heavy) {
        ObjectNode valid = (ObjectNode) JSON.readTree(validBody);
        // one field broken at a time
        List<String> leafPaths = new ArrayList<>();
        collectLeaves(schema, valid, "", leafPaths);
        for (String field : leafPaths) {
            JsonNode current = at(valid, field);
            for (JsonNode junk : junkFor(field, current)) {
                ObjectNode copy = valid.deepCopy();
                set(copy, field, junk);
                probes.add(Probe.json(name + " " + field + "=" + shortText(junk), method, path,
                        JSON.writeValueAsString(copy)));
            }
        }
        // the body as a whole
        String first = valid.propertyNames().iterator().next();
        String withoutBrace = validBody.substring(1);
        List<String> bodies = List.of(
                "{\"unknownField\":{\"$gt\":\"\"}," + withoutBrace,
                "{\"" + first + "\":" + valid.get(first) + "," + withoutBrace,
                validBody + " trailing",
                validBody + validBody,
                "{\"nested\":" + "[".repeat(100) + "]".repeat(100) + "," + withoutBrace,
                "{\"nested\":" + "{\"a\":".repeat(60) + "1" + "}".repeat(60) + "," + withoutBrace,
                "[]", "[" + validBody + "]", "\"text\"", "42", "true", "null", "", "{", "{\"" + first + "\":}",
                "{'" + first + "':1}", "{\"" + first + "\":01}", "{\"" + first + "\":NaN}",
                "{\"" + first + "\":\"\\u0000\"}", "/* comment */" + validBody, validBody.replace("\"", "\\\""));
        for (String body : bodies) {
            probes.add(Probe.json(name + " body " + shortText(body), method, path, body));
        }
        // a byte-order mark is skipped by the reader, so the body behind it is broken too
        probes.add(Probe.of(name + " body BOM+unknown field", method, path).withBody("application/json",
                concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        ("{\"unknownField\":1," + withoutBrace).getBytes(StandardCharsets.UTF_8))));
        probes.add(Probe.of(name + " body invalid UTF-8", method, path).withBody("application/json",
                concat(("{\"" + first + "\":\"").getBytes(StandardCharsets.UTF_8),
                        new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'})));
        // too large, announced and chunked
        String padded = "{\"padding\":\"" + "x".repeat((int) service.maxBodyBytes()) + "\"," + withoutBrace;
        probes.add(Probe.json(name + " body over the limit", method, path, padded));
        probes.add(Probe.json(name + " body over the limit, chunked", method, path, padded).sentChunked());
        // wrong content types with a valid body
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/xml", "text/html", "application/json; charset=ISO-8859-1", "application/jsonp",
                "application/*", "*/*", "garbage")) {
            probes.add(Probe.of(name + " content type " + type, method, path).withBody(type, validBody));
        }
        probes.add(Probe.of(name + " form post", method, path).withBody("application/x-www-form-urlencoded",
                formOf(valid)));
        probes.add(Probe.of(name + " no content type", method, path).withBody(null, validBody));
        if (heavy) {
            Random random = new Random(8);
            for (int i = 0; i < 60; i++) {
                ObjectNode copy = valid.deepCopy();
                StringBuilder label = new StringBuilder();
                for (int k = 0; k < 3; k++) {
                    String field = leafPaths.get(random.nextInt(leafPaths.size()));
                    List<JsonNode> junk = junkFor(field, at(valid, field));
                    JsonNode value = junk.get(random.nextInt(junk.size()));
                    try {
                        set(copy, field, value);
                    } catch (RuntimeException e) {
                        continue; // an earlier break already replaced the field's parent
                    }
                    label.append(' ').append(field).append('=').append(shortText(value));
                }
                probes.add(Probe.json(name + " combined" + label, method, path, JSON.writeValueAsString(copy)));
            }
        }
    }

    private void bodylessProbes(String name, String method, String path) {
        probes.add(Probe.json(name + " body {}", method, path, "{}"));
        probes.add(Probe.json(name + " body json", method, path, "{\"reason\":\"x\",\"keep\":true}"));
        probes.add(Probe.json(name + " body chunked", method, path, "{}").sentChunked());
        probes.add(Probe.json(name + " body junk", method, path, "\u0000\u0001"));
        probes.add(Probe.of(name + " form post", method, path).withBody("application/x-www-form-urlencoded", "a=1"));
        probes.add(Probe.of(name + " empty form post", method, path).withBody("application/x-www-form-urlencoded", ""));
        probes.add(Probe.of(name + " text post", method, path).withBody("text/plain", "a=1"));
        probes.add(Probe.of(name + " empty text post", method, path).withBody("text/plain", ""));
        probes.add(Probe.of(name + " multipart post", method, path).withBody("multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b--\r\n"));
        probes.add(Probe.of(name + " body without type", method, path).withBody(null, "a=1"));
        String big = "x".repeat((int) service.maxBodyBytes() + 1);
        probes.add(Probe.of(name + " body over the limit", method, path).withBody("text/plain", big));
    }

    private void queryProbes(String name, String method, String path, JsonNode op) {
        List<String> parameters = new ArrayList<>();
        for (JsonNode parameter : op.path("parameters")) {
            if ("query".equals(parameter.path("in").asString())) {
                parameters.add(parameter.path("name").asString());
            }
        }
        List<String> queries = new ArrayList<>(List.of("q=%ZZ", "a=%", "%ZZ=1", "a=%C3%28"));
        if (service.strictParameters().test(name)) {
            queries.addAll(List.of("unknownParameter=1", "q%5B%24ne%5D=1", "sort.%24where=1", "__proto__=x"));
            for (String parameter : parameters) {
                for (String junk : QUERY_JUNK) {
                    queries.add(parameter + "=" + junk);
                }
                queries.add(parameter + "=a&" + parameter + "=b");
            }
        }
        for (String query : queries) {
            probes.add(Probe.of(name + " query " + shortText(query), method, path + "?" + query));
        }
        if (method.equals("GET")) {
            probes.add(Probe.json(name + " body on a GET", method, path, "{}"));
            probes.add(Probe.of(name + " text body on a GET", method, path).withBody("text/plain", "a"));
        }
    }

    private void rawProbes() {
        String base = "/api/";
        for (String target : List.of(base + "a%2Fb", base + "a%00b", base + "a\\b", base + "%ZZ", base + "a%5Cb",
                base + "..%2F..%2Fetc%2Fpasswd", base + "a%C0%AFb", base + "a b", base + "a\u007Fb")) {
            probes.add(Probe.raw("raw GET " + escape(target), "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n"));
        }
        probes.add(Probe.raw("raw bare CR in header", "GET /api/x HTTP/1.1\r\nHost: localhost\rX-A: b\r\n"
                + "Connection: close\r\n\r\n"));
        probes.add(Probe.raw("raw bare CR in request line", "GET /api/x\r HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"));
        probes.add(Probe.raw("raw oversized header", "GET /api/x HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n"));
        probes.add(Probe.raw("raw oversized request line", "GET /api/" + "a".repeat(20_000) + " HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\n\r\n"));
        probes.add(Probe.raw("raw header without colon", "GET /api/x HTTP/1.1\r\nHost: localhost\r\nBroken\r\n"
                + "Connection: close\r\n\r\n"));
        probes.add(Probe.raw("raw control character in header", "GET /api/x HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Caller: a\u0001b\r\nConnection: close\r\n\r\n"));
        probes.add(Probe.raw("raw garbage request line", "GARBAGE\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        probes.add(Probe.raw("raw TRACE", "TRACE /api/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        probes.add(Probe.raw("raw no Host", "GET /api/x HTTP/1.1\r\nConnection: close\r\n\r\n"));
        probes.add(Probe.raw("raw two Content-Length", "POST /api/x HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}"));
        probes.add(Probe.raw("raw bad chunk", "POST /api/x HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"));
    }

    // --- the junk -------------------------------------------------------------------------------------------------

    private static final List<String> PATH_JUNK = List.of("a%2Fb", "%00", "%ZZ", "%E2%80%AE", "x".repeat(300),
            "%C0%AF", "..%2F..%2Fetc", "2.5", "99999999999", "%20", "%1B%5B31m", "%EF%BF%BF", "%24where", "%7B%7D");

    private static final List<String> QUERY_JUNK = List.of("%ZZ", "%00", "%1B%5B31m", "%E2%80%AE", "x".repeat(6000),
            "%7B%22%24gt%22%3A%22%22%7D", "NOPE%0A", "%C2%85");

    private List<JsonNode> junkFor(String field, JsonNode current) {
        String leaf = field.replaceAll(".*\\.", "").replaceAll("\\[\\d+]$", "");
        List<JsonNode> junk = new ArrayList<>();
        if (current.isIntegralNumber()) {
            junk.add(NODES.numberNode(new java.math.BigDecimal("2.99")));
            junk.add(NODES.stringNode(current.asString()));
            junk.add(NODES.numberNode(new java.math.BigDecimal("4.0")));
            junk.add(NODES.numberNode(new java.math.BigDecimal("1E+2")));
            junk.add(NODES.booleanNode(true));
            junk.add(NODES.numberNode(new java.math.BigInteger("99999999999")));
            junk.add(NODES.numberNode(new java.math.BigInteger("9".repeat(200))));
            junk.add(NODES.stringNode(""));
            junk.add(NODES.arrayNode().add(current));
            junk.add(NODES.objectNode().put("$gt", 0));
        } else if (current.isNumber()) {
            junk.add(NODES.stringNode(current.asString()));
            junk.add(NODES.booleanNode(true));
            junk.add(NODES.stringNode("NaN"));
            junk.add(NODES.numberNode(new java.math.BigDecimal("1E-99999")));
            junk.add(NODES.numberNode(new java.math.BigDecimal("1E+99999")));
            junk.add(NODES.numberNode(new java.math.BigDecimal("2.999")));
            junk.add(NODES.arrayNode());
            junk.add(NODES.objectNode());
        } else if (current.isBoolean()) {
            junk.add(NODES.numberNode(1));
            junk.add(NODES.numberNode(0));
            junk.add(NODES.stringNode("true"));
            junk.add(NODES.stringNode("yes"));
            junk.add(NODES.arrayNode());
            junk.add(NODES.objectNode());
        } else if (current.isString()) {
            String valid = current.asString();
            junk.add(NODES.numberNode(5));
            junk.add(NODES.booleanNode(true));
            junk.add(NODES.objectNode().put("$ne", ""));
            junk.add(NODES.arrayNode().add(valid));
            junk.add(NODES.stringNode(valid + "\u0000"));
            junk.add(NODES.stringNode("\u001B[31m" + valid));
            junk.add(NODES.stringNode(valid + "\u202E"));
            junk.add(NODES.stringNode("\u2067" + valid));
            junk.add(NODES.stringNode(valid + "\uD800"));
            junk.add(NODES.stringNode("\uDC00" + valid));
            junk.add(NODES.stringNode(valid + "\r\n"));
            junk.add(NODES.stringNode(valid.charAt(0) + "\u0085" + valid.substring(1)));
            junk.add(NODES.stringNode("x".repeat(6000)));
            if (isEnum(leaf)) {
                junk.add(NODES.stringNode("NOPE"));
                if (!valid.toLowerCase().equals(valid)) {
                    junk.add(NODES.stringNode(valid.toLowerCase())); // only the exact value is one of them
                }
                junk.add(NODES.stringNode(valid.toLowerCase() + "x"));
                junk.add(NODES.stringNode("{\"$gt\":\"\"}"));
            }
            if (service.dateFields().contains(leaf)) {
                for (String date : List.of("-0001-01-01", "2999-01-01", "9999-12-31", "1899-12-31", "0000-01-01",
                        "2024-02-30", "24-01-01", "2024-1-1", "+12024-01-01", "2024-01-01T00:00:00Z", "01.01.2024")) {
                    junk.add(NODES.stringNode(date));
                }
            }
        } else if (current.isArray()) {
            junk.add(NODES.objectNode());
            junk.add(NODES.stringNode("x"));
            junk.add(NODES.numberNode(5));
            junk.add(NODES.arrayNode().add(NODES.arrayNode()));
            if (isEnum(leaf)) {
                junk.add(NODES.arrayNode().add("NOPE"));
                junk.add(NODES.arrayNode().add(5));
            }
        } else if (current.isObject()) {
            junk.add(NODES.arrayNode());
            junk.add(NODES.stringNode("x"));
            junk.add(NODES.numberNode(5));
            junk.add(NODES.booleanNode(false));
        }
        return junk;
    }

    private boolean isEnum(String field) {
        return service.enumFields().contains(field) || documentedEnums.contains(field);
    }

    // --- building the valid request ---------------------------------------------------------------------------------

    private JsonNode bodySchema(JsonNode op) {
        JsonNode content = op.path("requestBody").path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return null;
        }
        Iterator<JsonNode> types = content.values().iterator();
        return types.hasNext() ? resolve(types.next().path("schema")) : null;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return docs.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private JsonNode example(JsonNode schema, String name) {
        schema = resolve(schema);
        String type = schema.path("type").asString("");
        if (type.equals("object") || schema.has("properties")) {
            ObjectNode object = NODES.objectNode();
            for (String property : schema.path("properties").propertyNames()) {
                JsonNode value = example(schema.path("properties").path(property), property);
                if (value != null) {
                    object.set(property, value);
                }
            }
            return object;
        }
        if (type.equals("array")) {
            ArrayNode array = NODES.arrayNode();
            JsonNode item = example(schema.path("items"), name);
            if (item != null) {
                array.add(item);
            }
            Object listed = service.fieldExamples().get(name);
            if (listed instanceof List<?> values) {
                array.removeAll();
                values.forEach(v -> array.add(JSON.valueToTree(v)));
            }
            return array;
        }
        Object value = service.fieldExamples().get(name);
        if (value instanceof List<?>) {
            return null;
        }
        if (value != null) {
            return JSON.valueToTree(value);
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        return switch (type) {
            case "integer" -> NODES.numberNode(2024);
            case "number" -> NODES.numberNode(new java.math.BigDecimal("3.0"));
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.stringNode("text");
        };
    }

    private static void collectLeaves(JsonNode schema, JsonNode value, String prefix, List<String> out) {
        if (!prefix.isEmpty()) {
            out.add(prefix);
        }
        if (value.isObject()) {
            for (String property : value.propertyNames()) {
                collectLeaves(schema, value.get(property), prefix.isEmpty() ? property : prefix + "." + property, out);
            }
        } else if (value.isArray() && !value.isEmpty()) {
            collectLeaves(schema, value.get(0), prefix + "[0]", out);
        }
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String property = bracket < 0 ? part : part.substring(0, bracket);
            node = node.get(property);
            if (bracket >= 0) {
                node = node.get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
        }
        return node;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        String last = dot < 0 ? path : path.substring(dot + 1);
        JsonNode parent = dot < 0 ? root : at(root, path.substring(0, dot));
        int bracket = last.indexOf('[');
        if (bracket < 0) {
            ((ObjectNode) parent).set(last, value);
        } else {
            ArrayNode array = (ArrayNode) parent.get(last.substring(0, bracket));
            array.set(Integer.parseInt(last.substring(bracket + 1, last.length() - 1)), value);
        }
    }

    private List<String> pathParameters(String template) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private String fill(String template, Map<String, String> overrides) {
        String path = template;
        for (String parameter : pathParameters(template)) {
            String value = overrides.containsKey(parameter) ? overrides.get(parameter)
                    : service.pathExamples().getOrDefault(parameter, "unknown");
            path = path.replace("{" + parameter + "}", value);
        }
        return path;
    }

    private static String formOf(ObjectNode valid) {
        StringBuilder form = new StringBuilder();
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        valid.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v.isString() ? v.asString() : v.toString(), StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    static String shortText(Object value) {
        String text = escape(String.valueOf(value));
        return text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || (c >= 0x7F && c <= 0xA0) || (c >= 0x2000 && c <= 0x206F)
                || Character.isSurrogate((char) c) ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
