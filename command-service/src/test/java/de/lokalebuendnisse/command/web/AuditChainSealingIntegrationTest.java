package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.command.audit.AuditChainAnchoring;
import de.lokalebuendnisse.command.audit.StoredHistory;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.kernel.audit.SealAuditChain;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static de.lokalebuendnisse.command.web.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit chain's anchors in the event store itself, through HTTP against the embedded stores: a closed award
 * period is sealed by the anchoring process, an ended year on request, and each seal carries the head an auditor
 * recomputes from the stored rows alone (plain JDBC and the documented canonical form).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING,
        // what application.yml sets for the process in production
        "axon.eventhandling.processors.audit-chain-anchoring.mode=pooled",
        "axon.eventhandling.processors.audit-chain-anchoring.initial-segment-count=1"})
class AuditChainSealingIntegrationTest {

    private static final Path DATA = createDataDir();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    DataSource dataSource;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    StoredHistory storedHistory;
    @Autowired
    CommandBus commandBus;

    HttpApi api;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void client() {
        api = new HttpApi(port);
    }

    @Test
    void aClosedAwardPeriodIsSealedWithTheHeadAnAuditorRecomputesFromTheStoredRows() {
        register("nuernberg-" + run, "09564000", "DE-BY", "Nürnberg");
        register("hamm-" + run, "05915000", "DE-NW", "Hamm");
        assertThat(api.post("/api/seal-awards", json("""
                {'period': '2024/25', 'surveyYear': 2024, 'sealName': 'Ausgezeichnetes Bündnis 2024/25',
                 'ceremony': {'date': '2024-11-22', 'place': 'Berlin'},
                 'renewalRule': 'RENEW_BY_WERKSTATT_ATTENDANCE'}""")).status()).isEqualTo(201);
        assertThat(api.post("/api/seal-awards/2024-25/werkstaetten", json("""
                {'werkstattId': 'hamm', 'region': 'Nordrhein-Westfalen', 'place': 'Hamm', 'date': '2024-09-12',
                 'format': 'IN_PERSON'}""")).status()).isEqualTo(201);
        String correlation = "close-" + run;
        assertThat(api.post("/api/seal-awards/2024-25/close", null, "X-Correlation-Id", correlation).status())
                .isEqualTo(200);

        long closingPosition = jdbc().queryForObject("select globalIndex from DomainEventEntry"
                + " where aggregateIdentifier = 'seal-award:2024/25' and payloadType = ?", Long.class,
                AwardPeriodClosed.class.getName());
        StoredRow anchor = awaitAnchor("PERIOD", "2024/25");
        JsonNode seal = anchor.json();

        Recomputed expected = recompute(row -> row.position() <= closingPosition);
        assertThat(seal.path("form").asText()).isEqualTo(AuditChain.FORM);
        assertThat(seal.path("lastPosition").asLong()).isEqualTo(closingPosition).isEqualTo(expected.lastPosition());
        assertThat(seal.path("lastEventId").asText()).isEqualTo(expected.lastEventId());
        assertThat(seal.path("chainedEvents").asLong()).isEqualTo(expected.chainedEvents());
        assertThat(seal.path("head").asText()).isEqualTo(expected.head());
        assertThat(anchor.aggregateId()).isEqualTo(SealAuditChain.LEDGER_ID);
        // the process acts for whoever closed the period
        assertThat(anchor.metaData()).containsEntry("caller", TestTokens.name(Role.STAFF))
                .containsEntry("callerSubject", TestTokens.subject(Role.STAFF))
                .containsEntry("callerRole", "staff")
                .containsEntry("process", "audit-chain-process")
                .containsEntry("correlationId", correlation);

        // a replay of the process from the first event seals the period again: the ledger records nothing twice
        StreamingEventProcessor processor = processing.eventProcessor(AuditChainAnchoring.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        assertThat(processor).isInstanceOf(PooledStreamingEventProcessor.class);
        long anchorsBefore = anchorCount();
        AtomicInteger sealsSent = new AtomicInteger();
        Registration counting = commandBus.registerDispatchInterceptor(commands -> (index, command) -> {
            if (command.getPayload() instanceof SealAuditChain resent && resent.label().equals("2024/25")) {
                sealsSent.incrementAndGet();
            }
            return command;
        });
        try {
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            awaitCaughtUp(processor);
        } finally {
            counting.cancel();
        }
        assertThat(sealsSent).as("the replay sealed the period again").hasValue(1);
        assertThat(anchorCount()).isEqualTo(anchorsBefore);
        assertThat(awaitAnchor("PERIOD", "2024/25")).isEqualTo(anchor);
    }

    @Test
    void anEndedYearIsSealedOnRequestOnceAndARetryGetsTheSameSeal() {
        // a chronicle of 2019, imported with its original timestamps straight into the store
        BuendnisId chronicle = BuendnisId.of("chronik-" + run);
        Instant march = LocalDate.of(2019, 3, 1).atStartOfDay(BERLIN).toInstant();
        Instant newYearsEve = LocalDate.of(2019, 12, 31).atTime(23, 30).atZone(BERLIN).toInstant();
        Instant newYear = LocalDate.of(2020, 1, 1).atTime(0, 30).atZone(BERLIN).toInstant();
        List<EventMessage<?>> imported = List.of(
                imported(chronicle, 0, new BuendnisPaused(chronicle, "Gründung ruht"), march),
                imported(chronicle, 1, new BuendnisResumed(chronicle), newYearsEve),
                imported(chronicle, 2, new BuendnisPaused(chronicle, "Neujahr"), newYear));
        DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(imported));

        var sealed = api.post("/api/audit/chain/seals", json("{'year': 2019}"));
        assertThat(sealed.status()).as(sealed.toString()).isEqualTo(201);

        Instant endOf2019 = LocalDate.of(2020, 1, 1).atStartOfDay(BERLIN).toInstant();
        long lastOf2019 = lastChainedPositionStampedBefore(endOf2019);
        Recomputed expected = recompute(row -> row.position() <= lastOf2019);
        assertThat(expected.lastEventId()).isEqualTo(imported.get(1).getIdentifier());
        JsonNode seal = sealed.json();
        assertThat(seal.path("scope").asText()).isEqualTo("YEAR");
        assertThat(seal.path("label").asText()).isEqualTo("2019");
        assertThat(seal.path("form").asText()).isEqualTo(AuditChain.FORM);
        assertThat(seal.path("lastPosition").asLong()).isEqualTo(expected.lastPosition());
        assertThat(seal.path("lastEventId").asText()).isEqualTo(expected.lastEventId());
        assertThat(seal.path("chainedEvents").asLong()).isEqualTo(expected.chainedEvents());
        assertThat(seal.path("head").asText()).isEqualTo(expected.head());
        StoredRow anchor = awaitAnchor("YEAR", "2019");
        assertThat(anchor.json()).isEqualTo(seal);
        assertThat(anchor.metaData()).containsEntry("caller", TestTokens.name(Role.STAFF))
                .containsEntry("callerRole", "staff");

        long events = eventCount();
        var retry = api.post("/api/audit/chain/seals", json("{'year': 2019}"));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(seal);
        assertThat(eventCount()).as("nothing stored twice").isEqualTo(events);
    }

    @Test
    void theStoredHistoryHandsOutEveryPayloadExactlyAsTheEventTableHoldsIt() {
        register("koeln-" + run, "05315000", "DE-NW", "Köln");
        Map<Long, StoredRow> rows = new HashMap<>();
        rows().forEach(row -> rows.put(row.position(), row));

        int compared = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = storedHistory.fromFirst()) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> message = iterator.next();
                StoredRow row = rows.get(message.trackingToken().position().orElseThrow());
                if (row == null) {
                    continue; // stored after the rows were read
                }
                SerializedObject<String> payload = message.serializePayload(storedHistory.eventSerializer(),
                        String.class);
                assertThat(payload.getData()).isEqualTo(row.payload());
                assertThat(payload.getType().getName()).isEqualTo(row.payloadType());
                assertThat(payload.getType().getRevision()).isEqualTo(row.payloadRevision());
                assertThat(message.getIdentifier()).isEqualTo(row.eventId());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(rows.size()).isPositive();
        assertThat(rows.values()).anyMatch(row -> row.payload().contains("Köln"));
    }

    @Test
    void aYearIsSealedOnlyOnceItHasEndedAndOnlyForAValidYear() {
        int thisYear = LocalDate.now(BERLIN).getYear();
        long events = eventCount();

        var current = api.post("/api/audit/chain/seals", json("{'year': %d}".formatted(thisYear)));
        assertThat(current.status()).isEqualTo(422);
        assertThat(current.header("Content-Type")).startsWith("application/problem+json");
        assertThat(current.rules()).containsExactly("year-ended");
        assertThat(api.post("/api/audit/chain/seals", json("{'year': %d}".formatted(thisYear + 1))).rules())
                .containsExactly("year-ended");

        var missing = api.post("/api/audit/chain/seals", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("violations").findValuesAsText("field")).containsExactly("year");
        assertThat(missing.rules()).containsExactly("required");
        assertThat(api.post("/api/audit/chain/seals", json("{'year': 1999}")).rules())
                .containsExactly("not-before-2004");
        assertThat(api.post("/api/audit/chain/seals", json("{'year': 20245}")).rules()).containsExactly("year-label");
        var notANumber = api.post("/api/audit/chain/seals", json("{'year': 'letztes Jahr'}"));
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.rules()).containsExactly("integer");

        assertThat(eventCount()).isEqualTo(events);
    }

    // --- the auditor's side: the rows as stored and the documented form ----------------------------------------

    private record StoredRow(long position, String eventId, String aggregateId, long sequenceNumber,
                             String payloadType, String payloadRevision, String payload, Map<String, String> metaData,
                             Instant timestamp) {

        ChainedEvent chained() {
            return new ChainedEvent(eventId, aggregateId, sequenceNumber, payloadType, payloadRevision, payload,
                    metaData, timestamp);
        }

        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record Recomputed(long lastPosition, String lastEventId, long chainedEvents, String head) {
    }

    private Recomputed recompute(Predicate<StoredRow> upTo) {
        String link = AuditChain.GENESIS;
        long chained = 0;
        StoredRow last = null;
        for (StoredRow row : rows()) {
            if (!upTo.test(row) || !AuditChain.covers(row.payloadType())) {
                continue;
            }
            link = AuditChain.link(link, row.chained());
            chained++;
            last = row;
        }
        assertThat(last).as("a chained row").isNotNull();
        return new Recomputed(last.position(), last.eventId(), chained, link);
    }

    private long lastChainedPositionStampedBefore(Instant end) {
        return rows().stream().filter(row -> AuditChain.covers(row.payloadType()))
                .filter(row -> row.timestamp().isBefore(end))
                .mapToLong(StoredRow::position).max().orElseThrow();
    }

    private List<StoredRow> rows() {
        return jdbc().query("select globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, payloadType,"
                + " payloadRevision, payload, metaData, timeStamp from DomainEventEntry order by globalIndex",
                (rs, i) -> row(rs));
    }

    private static StoredRow row(ResultSet rs) throws SQLException {
        Map<String, String> metaData = new HashMap<>();
        try {
            JsonNode stored = JSON.readTree(new String(rs.getBytes("metaData"), StandardCharsets.UTF_8));
            // all of it: the chain's canonical form picks what it covers
            stored.properties().forEach(field -> {
                if (!field.getValue().isNull()) {
                    metaData.put(field.getKey(), field.getValue().asText());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StoredRow(rs.getLong("globalIndex"), rs.getString("eventIdentifier"),
                rs.getString("aggregateIdentifier"), rs.getLong("sequenceNumber"), rs.getString("payloadType"),
                rs.getString("payloadRevision"), new String(rs.getBytes("payload"), StandardCharsets.UTF_8),
                metaData, Instant.parse(rs.getString("timeStamp")));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static EventMessage<?> imported(BuendnisId id, long sequence, Object payload, Instant timestamp) {
        return new GenericDomainEventMessage<>("Buendnis", id.toString(), sequence, payload,
                Map.of("caller", "chronik-import", "correlationId", "chronik-2019"), UUID.randomUUID().toString(),
                timestamp);
    }

    private void register(String id, String key, String land, String place) {
        var answer = api.post("/api/buendnisse", json("""
                {'id': '%s', 'name': 'Lokales Bündnis für Familie %s', 'municipalityKey': '%s', 'place': '%s',
                 'bundesland': '%s', 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2006-05-15',
                 'fieldsOfAction': ['CHILD_CARE']}""".formatted(id, place, key, place, land)));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    private StoredRow awaitAnchor(String scope, String label) {
        List<StoredRow> anchors = await("a seal of " + scope + " " + label).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> rows().stream().filter(row -> !AuditChain.covers(row.payloadType()))
                        .filter(row -> row.json().path("scope").asText().equals(scope)
                                && row.json().path("label").asText().equals(label))
                        .toList(), found -> !found.isEmpty());
        assertThat(anchors).as("one seal per scope").hasSize(1);
        return anchors.get(0);
    }

    private long anchorCount() {
        return jdbc().queryForObject("select count(*) from DomainEventEntry where payloadType = ?", Long.class,
                AuditChain.ANCHOR_TYPE);
    }

    private long eventCount() {
        return jdbc().queryForObject("select count(*) from DomainEventEntry", Long.class);
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    private static void awaitCaughtUp(StreamingEventProcessor processor) {
        await("the replay catches up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !processor.isReplaying() && !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp));
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("lbf-audit-chain-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
