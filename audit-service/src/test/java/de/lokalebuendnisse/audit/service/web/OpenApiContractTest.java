package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
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

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' service's OpenAPI document is the complete contract: every operation documents the problem answers
 * it gives, every answer has a schema of its own, and no parameter claims an enumeration it does not have. The
 * service takes no request bodies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class OpenApiContractTest {

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-audit-openapi");
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
    void theServiceTakesNoRequestBodiesAndNoEnumerationParameters() {
        assertThat(OpenApiAssertions.operations(docs).values()).noneMatch(operation -> operation.has("requestBody"));
        OpenApiAssertions.assertParameterEnums(docs, Map.of());
    }

    @Test
    void everyOperationDocumentsItsProblemAnswersAsProblemJson() {
        OpenApiAssertions.assertProblemAnswers(docs, Map.ofEntries(
                Map.entry("GET /api/audit/{year}", Set.of(503)),
                Map.entry("GET /api/audit/verify", Set.of(503)),
                Map.entry("GET /api/audit/as-of", Set.of(404)),
                Map.entry("GET /api/audit/persons/{personId}", Set.of(404)),
                Map.entry("GET /api/audit/explanations/{period}", Set.of(404)),
                Map.entry("GET /api/audit/exports/{year}", Set.of(503)),
                Map.entry("GET /api/audit/exports/period/{period}", Set.of(404, 503)),
                Map.entry("POST /api/audit/replays", Set.of(409)),
                Map.entry("GET /api/audit/replays/{id}", Set.of(404)),
                Map.entry("GET /api/audit/replays/{id}/report.md", Set.of(404, 409)),
                Map.entry("GET /api/audit/replays/{id}/report.html", Set.of(404, 409)),
                Map.entry("GET /api/admin/projections", Set.of()),
                Map.entry("GET /api/admin/projections/{name}", Set.of(404)),
                Map.entry("POST /api/admin/projections/{name}/rebuild", Set.of(404, 409)),
                Map.entry("POST /api/admin/projections/{name}/dead-letters/retry", Set.of(404, 409))));
    }

    @Test
    void everyAnswerHasASchemaOfItsOwn() {
        OpenApiAssertions.assertOneSchemaPerClass(docs, handlers.getHandlerMethods().values());
        OpenApiAssertions.assertOperationsReferToTheirClasses(docs, handlers.getHandlerMethods());
    }
}
