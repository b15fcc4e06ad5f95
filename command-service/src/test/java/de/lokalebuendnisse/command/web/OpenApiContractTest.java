package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.person.ContactFunction;
import de.lokalebuendnisse.kernel.person.Engagement;
import de.lokalebuendnisse.kernel.person.ErasureBasis;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.InvitationChannel;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.platform.http.contract.OpenApiAssertions;
import de.lokalebuendnisse.platform.http.hostile.Answer;
import de.lokalebuendnisse.platform.http.hostile.HostileClient;
import de.lokalebuendnisse.platform.http.hostile.HostileRequests;
import de.lokalebuendnisse.platform.http.hostile.Probe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static de.lokalebuendnisse.platform.http.contract.OpenApiAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command service's OpenAPI document is the complete contract of its requests: every enumeration field lists
 * the kernel's values, the required fields are exactly those the service refuses a request without, every
 * operation documents the problem answers it gives, and every request and answer has a schema of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class OpenApiContractTest {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-command-openapi");
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    String apiDocs;
    JsonNode docs;

    @BeforeEach
    void readTheDocument() {
        apiDocs = new HostileClient(port).send(Probe.of("docs", "GET", "/v3/api-docs")).body();
        docs = OpenApiAssertions.read(apiDocs);
    }

    @Test
    void everyEnumerationFieldListsTheValuesOfItsKernelEnumeration() {
        OpenApiAssertions.assertRequestEnums(docs, Map.ofEntries(
                Map.entry("organisationForm", names(OrganisationForm.class)),
                Map.entry("fieldsOfAction", names(FieldOfAction.class)),
                Map.entry("futureTopics", names(FutureTopic.class)),
                Map.entry("bundesland", Arrays.stream(Bundesland.values()).map(Bundesland::isoCode).toList()),
                Map.entry("type", names(PartnerType.class)),
                Map.entry("renewalRule", names(RenewalRule.class)),
                Map.entry("format", names(WerkstattFormat.class)),
                Map.entry("invitationChannel", names(InvitationChannel.class)),
                Map.entry("mode", names(AttendanceMode.class)),
                Map.entry("channel", names(SubmissionChannel.class)),
                Map.entry("function", names(ContactFunction.class)),
                Map.entry("engagement", names(Engagement.class)),
                Map.entry("legalBasis", names(ErasureBasis.class))));
    }

    /**
     * For every field of every request body (nested ones too): the valid body without that field is refused with a
     * violation "required" for it exactly when the document lists the field as required.
     */
    @Test
    void theRequiredFieldsAreExactlyThoseTheServiceRefusesARequestWithout() {
        HostileClient client = new HostileClient(port);
        Map<String, String> bodies = HostileRequests.validBodies(apiDocs, HostileInputTest.service());
        assertThat(bodies).as("operations with a body").hasSizeGreaterThanOrEqualTo(13);
        Map<String, Set<String>> documented = new TreeMap<>();
        Map<String, Set<String>> enforced = new TreeMap<>();
        for (Map.Entry<String, String> operation : bodies.entrySet()) {
            String method = operation.getKey().substring(0, operation.getKey().indexOf(' '));
            String template = operation.getKey().substring(method.length() + 1);
            JsonNode operationDoc = docs.path("paths").path(template).path(method.toLowerCase());
            if (!operationDoc.path("requestBody").path("content").has("application/json")) {
                // the survey import's multipart upload: its required parts are checked by SurveyImportIntegrationTest
                continue;
            }
            JsonNode schema = bodySchema(operationDoc);
            ObjectNode valid = (ObjectNode) OpenApiAssertions.read(operation.getValue());
            Set<String> required = new TreeSet<>();
            Set<String> refused = new TreeSet<>();
            for (String field : fields(schema, valid, "", required)) {
                ObjectNode without = valid.deepCopy();
                remove(without, field);
                Answer answer = client.send(Probe.json(operation.getKey() + " without " + field, method,
                        path(template), without.toString()));
                if (answer.status() == 400 && requiredViolationFor(field, answer.body())) {
                    refused.add(field);
                }
            }
            documented.put(operation.getKey(), required);
            enforced.put(operation.getKey(), refused);
        }
        List<String> wrong = new ArrayList<>();
        for (String operation : documented.keySet()) {
            Set<String> notRefused = new TreeSet<>(documented.get(operation));
            notRefused.removeAll(enforced.get(operation));
            Set<String> notDocumented = new TreeSet<>(enforced.get(operation));
            notDocumented.removeAll(documented.get(operation));
            if (!notRefused.isEmpty() || !notDocumented.isEmpty()) {
                wrong.add(operation + ": documented as required but not refused without " + notRefused
                        + ", refused without but not documented as required " + notDocumented);
            }
        }
        assertThat(wrong).as("required fields as documented vs. as the service refuses them").isEmpty();
        assertThat(enforced.get("POST /api/buendnisse")).contains("name", "organisationForm", "fieldsOfAction")
                .doesNotContain("id", "website", "futureTopics");
        assertThat(enforced.get("POST /api/seal-awards")).contains("ceremony", "ceremony.date", "renewalRule");
        assertThat(enforced.get("POST /api/buendnisse/{id}/contacts")).contains("name", "function", "engagement")
                .doesNotContain("email", "phone", "language", "primary");
        assertThat(enforced.get("POST /api/buendnisse/{id}/contacts/{personId}/erasure")).contains("legalBasis")
                .doesNotContain("reason");
        assertThat(enforced.get("PUT /api/survey-campaigns/{year}/submissions/{buendnisId}"))
                .contains("scores", "channel").doesNotContain("buendnisId");
    }

    @Test
    void everyOperationDocumentsItsProblemAnswersAsProblemJson() {
        Map<String, Set<Integer>> expected = new LinkedHashMap<>();
        for (String operation : OpenApiAssertions.operations(docs).keySet()) {
            // every command can conflict, break a domain rule or time out; one on an existing target can miss it
            expected.put(operation, operation.contains("{") ? Set.of(404, 409, 422, 503) : Set.of(409, 422, 503));
        }
        assertThat(expected).as("command operations").hasSizeGreaterThanOrEqualTo(17);
        OpenApiAssertions.assertProblemAnswers(docs, expected);
    }

    @Test
    void everyRequestAndAnswerHasASchemaOfItsOwn() {
        OpenApiAssertions.assertOneSchemaPerClass(docs, handlers.getHandlerMethods().values());
        OpenApiAssertions.assertOperationsReferToTheirClasses(docs, handlers.getHandlerMethods());
        assertThat(docs.path("components").path("schemas").propertyNames())
                .contains("OpenAwardPeriodRequest", "OpenCampaignRequest", "SurveyRequest", "SurveyAmendmentRequest",
                        "SealAwardResponse", "ChainSealResponse");
    }

    // --- walking a body along its schema ------------------------------------------------------------------------

    private JsonNode bodySchema(JsonNode operation) {
        return resolve(operation.path("requestBody").path("content").values().iterator().next().path("schema"));
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : docs.path("components").path("schemas")
                .path(ref.substring("#/components/schemas/".length()));
    }

    /** The paths of the fields of {@code value} (objects in lists by their first item); adds the required ones. */
    private List<String> fields(JsonNode schema, JsonNode value, String prefix, Set<String> required) {
        List<String> fields = new ArrayList<>();
        schema = resolve(schema);
        Set<String> requiredHere = new TreeSet<>();
        schema.path("required").forEach(name -> requiredHere.add(name.asString()));
        for (String property : value.propertyNames()) {
            String path = prefix + property;
            fields.add(path);
            if (requiredHere.contains(property)) {
                required.add(path);
            }
            JsonNode propertySchema = resolve(schema.path("properties").path(property));
            JsonNode child = value.get(property);
            if (child.isObject()) {
                fields.addAll(fields(propertySchema, child, path + ".", required));
            } else if (child.isArray() && !child.isEmpty() && child.get(0).isObject()) {
                fields.addAll(fields(propertySchema.path("items"), child.get(0), path + "[0].", required));
            }
        }
        return fields;
    }

    private static void remove(ObjectNode body, String field) {
        String[] parts = field.split("\\.");
        JsonNode node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            node = part.endsWith("[0]") ? ((ArrayNode) node.get(part.substring(0, part.length() - 3))).get(0)
                    : node.get(part);
        }
        ((ObjectNode) node).remove(parts[parts.length - 1]);
    }

    /** Whether the problem names the field (or the list item holding it) with the rule "required". */
    private static boolean requiredViolationFor(String field, String problem) {
        for (JsonNode violation : OpenApiAssertions.read(problem).path("violations")) {
            String named = violation.path("field").asString("");
            if ("required".equals(violation.path("rule").asString())
                    && (field.equals(named) || field.startsWith(named + "."))) {
                return true;
            }
        }
        return false;
    }

    private static String path(String template) {
        Map<String, String> examples = HostileInputTest.service().pathExamples();
        String path = template;
        for (Map.Entry<String, String> example : examples.entrySet()) {
            path = path.replace("{" + example.getKey() + "}", example.getValue());
        }
        return path;
    }
}
