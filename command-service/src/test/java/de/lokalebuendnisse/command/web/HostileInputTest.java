package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.testing.HeavyTests;
import de.lokalebuendnisse.platform.http.hostile.Answer;
import de.lokalebuendnisse.platform.http.hostile.HostileClient;
import de.lokalebuendnisse.platform.http.hostile.HostileRequests;
import de.lokalebuendnisse.platform.http.hostile.Probe;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.person.ContactFunction;
import de.lokalebuendnisse.kernel.person.Engagement;
import de.lokalebuendnisse.kernel.person.ErasureBasis;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input suite of the command service: every operation of its OpenAPI document, broken in every way
 * {@link HostileRequests} knows (over 1,000 requests), must be refused with 4xx problem+json naming a field and a
 * rule and no code, in bounded time, and must leave the event store as it was. {@code LBF_HEAVY_TESTS=true} adds
 * random combinations of broken fields.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING,
        "lbf.api.max-body-size=16KB"})
class HostileInputTest {

    static final boolean HEAVY = HeavyTests.ENABLED;

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-command-hostile");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    static HostileRequests.Service service() {
        return new HostileRequests.Service(
                Map.of("id", "hamm", "buendnisId", "hamm", "partnerId", "ihk", "year", "2024", "period", "2024-25",
                        "personId", "anna"),
                Map.ofEntries(
                        Map.entry("id", "hamm"), Map.entry("buendnisId", "hamm"), Map.entry("partnerId", "ihk"),
                        Map.entry("name", "Lokales Bündnis für Familie Hamm"), Map.entry("municipalityKey", "05915000"),
                        Map.entry("place", "Hamm"), Map.entry("bundesland", "DE-NW"),
                        Map.entry("organisationForm", OrganisationForm.values()[0].name()),
                        Map.entry("foundedOn", "2005-05-01"), Map.entry("website", "https://hamm.example"),
                        Map.entry("fieldsOfAction", List.of(FieldOfAction.values()[0].name())),
                        Map.entry("futureTopics", List.of(FutureTopic.values()[0].name())),
                        Map.entry("type", PartnerType.values()[0].name()), Map.entry("reason", "Pause bis Herbst"),
                        Map.entry("dissolvedOn", "2024-12-31"), Map.entry("year", 2024),
                        Map.entry("title", "Bündnisumfrage"), Map.entry("min", 0), Map.entry("max", 4),
                        Map.entry("threshold", new java.math.BigDecimal("3.0")), Map.entry("opensOn", "2024-03-01"),
                        Map.entry("closesOn", "2024-06-30"), Map.entry("criterionId", "netzwerk"),
                        Map.entry("score", 3), Map.entry("projektZukunftInterest", true),
                        Map.entry("channel", SubmissionChannel.values()[0].name()), Map.entry("period", "2024/25"),
                        Map.entry("surveyYear", 2024), Map.entry("sealName", "Ausgezeichnetes Bündnis"),
                        Map.entry("date", "2024-11-22"), Map.entry("renewalRule", RenewalRule.values()[0].name()),
                        Map.entry("werkstattId", "hamm-2024"), Map.entry("region", "Nord"),
                        Map.entry("format", WerkstattFormat.values()[0].name()),
                        Map.entry("mode", AttendanceMode.values()[0].name()),
                        Map.entry("representativeOrganisation", "Stadt Hamm"),
                        Map.entry("function", ContactFunction.values()[0].name()),
                        Map.entry("engagement", Engagement.values()[0].name()),
                        Map.entry("email", "kontakt@hamm.example"), Map.entry("phone", "02381 17-0"),
                        Map.entry("language", "de"), Map.entry("primary", true),
                        Map.entry("legalBasis", ErasureBasis.values()[0].name())),
                Set.of("organisationForm", "fieldsOfAction", "futureTopics", "type", "channel", "renewalRule",
                        "format", "mode", "bundesland", "function", "engagement", "legalBasis"),
                Set.of("foundedOn", "dissolvedOn", "opensOn", "closesOn", "date"),
                operation -> false, // no command endpoint reads query parameters
                operation -> !operation.contains(" /api/"),
                16 * 1024);
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsRefusedAndStoresNothing() {
        HostileClient client = new HostileClient(port);
        String docs = client.send(Probe.of("docs", "GET", "/v3/api-docs")).body();
        List<Probe> probes = HostileRequests.generate(docs, service(), HEAVY);
        assertThat(probes).hasSizeGreaterThan(HEAVY ? 1500 : 700);
        long before = head();
        return probes.stream().map(probe -> DynamicTest.dynamicTest(probe.toString(), () -> {
            Answer answer = client.send(probe);
            HostileClient.assertRefused(probe, answer);
            assertThat(head()).as(probe + " stored something").isEqualTo(before);
        }));
    }

    @Test
    void theSuiteCoversEveryOperationOfTheDocument() {
        HostileClient client = new HostileClient(port);
        String docs = client.send(Probe.of("docs", "GET", "/v3/api-docs")).body();
        List<String> operations = HostileRequests.operations(docs).stream().filter(o -> o.contains(" /api/")).toList();
        List<Probe> probes = HostileRequests.generate(docs, service(), false);
        assertThat(operations).hasSizeGreaterThanOrEqualTo(17);
        for (String operation : operations) {
            assertThat(probes).as(operation).anyMatch(p -> p.name().startsWith(operation + " "));
        }
    }

    private long head() {
        return new JdbcTemplate(dataSource).queryForObject(
                "select count(*) * 1000000 + coalesce(max(globalIndex), -1) from DomainEventEntry", Long.class);
    }
}
