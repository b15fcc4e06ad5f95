package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.platform.http.contract.OpenApiAssertions;
import de.lokalebuendnisse.platform.http.hostile.HostileClient;
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

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static de.lokalebuendnisse.platform.http.contract.OpenApiAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query service's OpenAPI document is the complete contract of its queries: every parameter that takes one of
 * an enumeration lists the kernel's values, every operation documents the problem answers it gives, and every
 * answer has a schema of its own. The service takes no request bodies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class OpenApiContractTest {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-query-openapi");
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    JsonNode docs;

    @BeforeEach
    void readTheDocument() {
        docs = OpenApiAssertions.read(new HostileClient(port).send(Probe.of("docs", "GET", "/v3/api-docs")).body());
    }

    @Test
    void everyEnumerationParameterListsTheValuesOfItsKernelEnumeration() {
        List<String> lands = Arrays.stream(Bundesland.values()).map(Bundesland::isoCode).toList();
        OpenApiAssertions.assertParameterEnums(docs, Map.of(
                "GET /api/directory bundesland", lands,
                "GET /api/directory topic", names(FutureTopic.class),
                "GET /api/directory status", names(BuendnisStatus.class),
                "GET /api/directory form", names(OrganisationForm.class),
                "GET /api/eligibility/{period} status", names(EligibilityStatus.class),
                "GET /api/eligibility/{period} bundesland", lands,
                "GET /api/eligibility/{period}/stream status", names(EligibilityStatus.class),
                "GET /api/eligibility/{period}/stream bundesland", lands));
    }

    @Test
    void theServiceTakesNoRequestBodies() {
        assertThat(OpenApiAssertions.operations(docs).values()).noneMatch(operation -> operation.has("requestBody"));
    }

    @Test
    void everyOperationDocumentsItsProblemAnswersAsProblemJson() {
        Map<String, Set<Integer>> expected = new HashMap<>(Map.of(
                "GET /api/directory", Set.of(503),
                "GET /api/directory/stats", Set.of(503),
                "GET /api/directory/{id}", Set.of(404, 503),
                "GET /api/eligibility/{period}", Set.of(404, 503),
                "GET /api/eligibility/{period}/{buendnisId}", Set.of(404, 503),
                "GET /api/eligibility/{period}/stream", Set.of(404, 503),
                "GET /api/admin/projections", Set.of(),
                "GET /api/admin/projections/{name}", Set.of(404),
                "POST /api/admin/projections/{name}/rebuild", Set.of(404, 409),
                "POST /api/admin/projections/{name}/dead-letters/retry", Set.of(404, 409)));
        expected.put("GET /api/eligibility/{period}/invitations", Set.of(404, 503));
        expected.put("GET /api/public/seals/{code}", Set.of(400, 404, 429, 503));
        expected.put("GET /api/certificates/{period}", Set.of(404, 503));
        expected.put("GET /api/certificates/{period}/{buendnisId}", Set.of(404, 410, 503));
        OpenApiAssertions.assertProblemAnswers(docs, expected);
    }

    @Test
    void everyAnswerHasASchemaOfItsOwn() {
        OpenApiAssertions.assertOneSchemaPerClass(docs, handlers.getHandlerMethods().values());
        OpenApiAssertions.assertOperationsReferToTheirClasses(docs, handlers.getHandlerMethods());
    }
}
