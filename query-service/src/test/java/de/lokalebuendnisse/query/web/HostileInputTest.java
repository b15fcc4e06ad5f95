package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.platform.testing.HeavyTests;
import de.lokalebuendnisse.platform.http.hostile.Answer;
import de.lokalebuendnisse.platform.http.hostile.HostileClient;
import de.lokalebuendnisse.platform.http.hostile.HostileRequests;
import de.lokalebuendnisse.platform.http.hostile.Probe;
import de.lokalebuendnisse.platform.projection.Projections;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite of the query service: every operation of its OpenAPI document, broken in every way
 * {@link HostileRequests} knows, must be refused with 4xx problem+json naming a field and a rule and no code, in
 * bounded time; nothing is started (no rebuild, no replay) and the event store's head stays where it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lbf.api.max-body-size=16KB")
class HostileInputTest {

    static final boolean HEAVY = HeavyTests.ENABLED;
    /** The directory, eligibility and projection operations this service documents: a shrinking document would shrink the suite unnoticed. */
    static final int AT_LEAST_OPERATIONS = 10;
    static final int AT_LEAST_PROBES = 400;

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        try {
            Path data = Files.createTempDirectory("lbf-query-hostile");
            registry.add("lbf.data-dir", data::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Projections projections;

    static HostileRequests.Service service() {
        return new HostileRequests.Service(
                Map.of("id", "hamm", "buendnisId", "hamm", "year", "2024", "period", "2024-25",
                        "name", "directory"),
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
        assertThat(operations).hasSizeGreaterThanOrEqualTo(AT_LEAST_OPERATIONS);
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
