package de.lokalebuendnisse.platform.http.hostile;

import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.projection.Projections;
import de.lokalebuendnisse.platform.testing.HeavyTests;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite of a reading service (query service, auditors' service), written once: every operation of
 * its OpenAPI document, broken in every way {@link HostileRequests} knows, must be refused with 4xx problem+json
 * naming a field and a rule and no code, in bounded time; nothing is started (no rebuild, no replay) and the event
 * store's head stays where it was. A service's suite extends it under {@code @SpringBootTest(webEnvironment =
 * RANDOM_PORT, properties = "lbf.api.max-body-size=16KB")}.
 */
public abstract class ReadSideHostileInputSuite {

    static final boolean HEAVY = HeavyTests.ENABLED;
    static final int AT_LEAST_PROBES = 400;

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-hostile");
    }

    @LocalServerPort
    int port;
    @Autowired
    Projections projections;

    /** How many operations the service documents at least: a shrinking document would shrink the suite unnoticed. */
    protected abstract int atLeastOperations();

    /** One of the service's projections, named where an operation takes a projection's name. */
    protected abstract String aProjection();

    private HostileRequests.Service service() {
        return new HostileRequests.Service(
                Map.of("id", "hamm", "buendnisId", "hamm", "year", "2024", "period", "2024-25",
                        "name", aProjection()),
                Map.of(), Set.of(), Set.of(),
                // the admin endpoints read no query parameters; every other query refuses unknown ones
                operation -> !operation.contains(" /api/admin/"),
                operation -> !operation.contains(" /api/"),
                16 * 1024);
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsRefusedAndStartsNothing() {
        HostileClient client = new HostileClient(port);
        String docs = client.send(Probe.of("docs", "GET", "/v3/api-docs")).body();
        List<Probe> probes = HostileRequests.generate(docs, service(), HEAVY);
        assertThat(probes).hasSizeGreaterThan(AT_LEAST_PROBES);
        long before = projections.headPosition();
        return probes.stream().map(probe -> DynamicTest.dynamicTest(probe.toString(), () -> {
            Answer answer = client.send(probe);
            HostileClient.assertRefused(probe, answer);
            assertThat(projections.headPosition()).as(probe + " stored something").isEqualTo(before);
        }));
    }

    @Test
    void theSuiteCoversEveryOperationOfTheDocument() {
        HostileClient client = new HostileClient(port);
        String docs = client.send(Probe.of("docs", "GET", "/v3/api-docs")).body();
        List<String> operations = HostileRequests.operations(docs).stream().filter(o -> o.contains(" /api/")).toList();
        List<Probe> probes = HostileRequests.generate(docs, service(), false);
        assertThat(operations).hasSizeGreaterThanOrEqualTo(atLeastOperations());
        for (String operation : operations) {
            assertThat(probes).as(operation).anyMatch(p -> p.name().startsWith(operation + " "));
        }
    }

    @Test
    void retryingTheDeadLettersOfAnUnknownProjectionIsNotFoundLikeItsRebuild() {
        HostileClient client = new HostileClient(port);
        for (String path : List.of("/api/admin/projections/nope/dead-letters/retry", "/api/admin/projections/nope/rebuild")) {
            Probe probe = Probe.of("unknown projection", "POST", path);
            Answer answer = client.send(probe);
            assertThat(answer.status()).as(path + " " + answer).isEqualTo(404);
            HostileClient.assertRefused(probe, answer);
            assertThat(answer.body()).contains("\"field\":\"projection\"");
        }
    }
}
