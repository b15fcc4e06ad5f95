package de.lokalebuendnisse.audit.service.chain;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.kernel.audit.AuditEvents;
import com.fasterxml.jackson.databind.JsonNode;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.audit.service.chain.EventStoreTable.Row;
import de.lokalebuendnisse.platform.testing.Http;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query service verifying its event store over HTTP after someone with database access has altered it: events
 * appended as the command side would, recorded by the audit-chain projection, then changed, deleted, inserted or
 * moved with plain SQL on the H2 file. Each test restores the table afterwards, global indexes included, so every
 * test starts from the same store and the same records.
 * <p>
 * The store: e1 … e5, then an anchor sealing the period 2027/28 up to e4 (e5 came in between), then e6.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING, 
        "axon.eventhandling.processors.audit-chain.mode=pooled",
        "axon.eventhandling.processors.audit-chain.initial-segment-count=1"})
class ChainVerificationApiTest {

    private static final Path DATA = dataDir();
    private static final EventStoreTable TABLE = new EventStoreTable(DATA);

    /** The untouched table, and the positions of the events in it. */
    private static List<Row> original;
    private static long e1;
    private static long e2;
    private static long e3;
    private static long e4;
    private static long e5;
    private static long anchor;
    private static long e6;

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    ChainRecords records;
    @Autowired
    StoredEvents storedEvents;

    @BeforeEach
    void storeOnce() {
        if (original != null) {
            return;
        }
        BuendnisId hamm = BuendnisId.of("hamm");
        BuendnisId dresden = BuendnisId.of("dresden");
        AwardPeriod period = AwardPeriod.of("2027/28");
        e1 = append(hamm.toString(), 0, new BuendnisPaused(hamm, "Koordination \"unbesetzt\""));
        e2 = append(hamm.toString(), 1, new BuendnisResumed(hamm));
        // from here on with the caller's verified identity (chained in form v2); the two above were stored before
        e3 = append(dresden.toString(), 0, new BuendnisPaused(dresden, "Neuaufstellung"), AuditEvents.CRM);
        e4 = append(period.toString(), 0, new SealRevoked(period, dresden, "Angaben falsch", GrantBasis.SURVEY),
                AuditEvents.PRUEFERIN);
        e5 = append(dresden.toString(), 1, new BuendnisResumed(dresden), AuditEvents.CRM);
        List<Row> rows = TABLE.rows();
        TABLE.append("audit-chain:PERIOD:2027/28", 0, AuditChain.ANCHOR_TYPE,
                ChainFixtures.anchorJson("PERIOD", "2027/28", e4, TABLE.row(e4).eventIdentifier(),
                        ChainFixtures.chainedCount(rows, e4), ChainFixtures.head(rows, e4)),
                "{\"caller\":\"command-service\",\"correlationId\":\"close-2027-28\"}");
        anchor = TABLE.rows().get(5).globalIndex();
        e6 = append(hamm.toString(), 2, new BuendnisPaused(hamm, "Sommerpause"), AuditEvents.ANNA);
        ChainFixtures.awaitRecorded(records, e6);
        original = TABLE.rows();
        assertThat(original).extracting(Row::globalIndex).containsExactly(e1, e2, e3, e4, e5, anchor, e6);
    }

    @AfterEach
    void restoreTheStore() {
        TABLE.restore(original);
    }

    @Test
    void anUntouchedStoreVerifiesIntactWithTheHeadRecomputedFromTheRawRows() {
        Http.Answer answer = verify();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode report = answer.json();
        assertThat(report.path("status").asText()).isEqualTo("INTACT");
        assertThat(report.path("eventsChecked").asLong()).isEqualTo(7);
        assertThat(report.path("chainedEvents").asLong()).isEqualTo(6);
        assertThat(report.path("head").asText()).isEqualTo(ChainFixtures.head(original, e6));
        assertThat(report.path("headPosition").asLong()).isEqualTo(e6);
        assertThat(report.path("recordsAvailable").asBoolean()).isTrue();
        assertThat(report.path("recordedUpTo").asLong()).isEqualTo(e6);
        assertThat(report.path("unrecordedEvents").asLong()).isZero();
        assertThat(report.path("firstBreak").isNull()).isTrue();
        assertThat(report.path("breakCount").asLong()).isZero();
        assertThat(report.path("breaks")).isEmpty();
        JsonNode sealed = report.path("checkedAnchors").get(0);
        assertThat(report.path("checkedAnchors")).hasSize(1);
        assertThat(sealed.path("scope").asText()).isEqualTo("PERIOD 2027/28");
        assertThat(sealed.path("position").asLong()).isEqualTo(anchor);
        assertThat(sealed.path("lastPosition").asLong()).isEqualTo(e4);
        assertThat(sealed.path("chainedEvents").asLong()).isEqualTo(4);
        assertThat(sealed.path("ok").asBoolean()).isTrue();
    }

    @Test
    void readsEveryEventAsStoredBeforeUpcastingInEventStoreOrder() {
        List<StoredEvents.StoredEvent> read;
        try (Stream<StoredEvents.StoredEvent> events = storedEvents.inOrder()) {
            read = events.toList();
        }

        assertThat(read).containsExactlyElementsOf(original.stream().map(Row::stored).toList());
        // the payload is the column's text itself, escapes and all, not a serialization of the payload object
        assertThat(read.get(0).event().payload()).isEqualTo(original.get(0).payloadText())
                .contains("\\\"unbesetzt\\\"");
        assertThat(read.get(5).event().payloadType()).isEqualTo(AuditChain.ANCHOR_TYPE);
        assertThat(storedEvents.headPosition()).isEqualTo(e6);
    }

    @Test
    void recordsOneFingerprintPerStoredEventAnchorsIncluded() {
        List<ChainRecord> recorded = new ArrayList<>();
        try (ChainRecords.CloseableIterator all = records.inOrder(storedEvents.headPosition())) {
            all.forEachRemaining(recorded::add);
        }

        assertThat(recorded).containsExactlyElementsOf(original.stream().map(row -> new ChainRecord(
                row.globalIndex(), row.eventIdentifier(), row.aggregateIdentifier(), row.sequenceNumber(),
                AuditChain.link(AuditChain.GENESIS, row.chained()), row.globalIndex() == anchor)).toList());
    }

    @Test
    void aChangedPayloadIsLocatedAtItsPositionAndBreaksTheAnchorAfterIt() {
        TABLE.setPayload(e2, original.get(1).payloadText().replace("hamm", "hamn"));

        JsonNode report = verify().json();

        assertThat(report.path("status").asText()).isEqualTo("BROKEN");
        assertBreak(report.path("firstBreak"), e2, "CHANGED", original.get(1));
        assertThat(report.path("firstBreak").path("detail").asText()).startsWith("stored content differs");
        assertThat(kinds(report)).containsExactly("CHANGED@" + e2, "ANCHOR_MISMATCH@" + anchor);
        assertThat(report.path("breakCount").asLong()).isEqualTo(2);
        JsonNode sealed = report.path("checkedAnchors").get(0);
        assertThat(sealed.path("ok").asBoolean()).isFalse();
        assertThat(sealed.path("detail").asText()).contains("at or before position " + e4);
        assertThat(report.path("head").asText()).isNotEqualTo(ChainFixtures.head(original, e6))
                .isEqualTo(ChainFixtures.head(TABLE.rows(), e6));
    }

    @Test
    void aSubjectStrippedFromAStoredEventIsLocatedAtItsPositionAndBreaksTheAnchorAfterIt() {
        Row revocation = original.get(3);
        String stripped = new String(revocation.metaData(), StandardCharsets.UTF_8)
                .replaceAll("\"callerSubject\":\"[^\"]*\",?", "").replace(",}", "}");
        assertThat(stripped).doesNotContain("callerSubject").contains("\"callerRole\":\"admin\"");
        TABLE.setMetaData(e4, stripped);

        JsonNode report = verify().json();

        assertThat(report.path("status").asText()).isEqualTo("BROKEN");
        assertBreak(report.path("firstBreak"), e4, "CHANGED", revocation);
        assertThat(kinds(report)).containsExactly("CHANGED@" + e4, "ANCHOR_MISMATCH@" + anchor);
    }

    @Test
    void aRolePlantedOnAnEventStoredBeforeTokensIsLocatedAtItsPosition() {
        Row old = original.get(1);
        String planted = new String(old.metaData(), StandardCharsets.UTF_8).replaceFirst("\\{",
                "{\"callerRole\":\"admin\",");
        TABLE.setMetaData(e2, planted);

        JsonNode report = verify().json();

        assertBreak(report.path("firstBreak"), e2, "CHANGED", old);
        assertThat(kinds(report)).containsExactly("CHANGED@" + e2, "ANCHOR_MISMATCH@" + anchor);
    }

    @Test
    void aDeletedEventIsReportedMissingAtItsPosition() {
        TABLE.delete(e3);

        JsonNode report = verify().json();

        assertThat(report.path("status").asText()).isEqualTo("BROKEN");
        assertBreak(report.path("firstBreak"), e3, "MISSING", original.get(2));
        assertThat(kinds(report)).containsExactly("MISSING@" + e3, "ANCHOR_MISMATCH@" + anchor);
        assertThat(report.path("eventsChecked").asLong()).isEqualTo(6);
    }

    @Test
    void deletingTheNewestEventIsReportedMissingThoughTheHeadMovedBack() {
        TABLE.delete(e6);

        JsonNode report = verify().json();

        assertBreak(report.path("firstBreak"), e6, "MISSING", original.get(6));
        assertThat(kinds(report)).containsExactly("MISSING@" + e6);
    }

    @Test
    void aForgedEventInsertedBeforeTheFirstIsReportedInserted() {
        // index 0 is below every position the live projection has passed, so it never sees the row
        Row first = original.get(0);
        TABLE.insert(new Row(0, UUID.randomUUID().toString(), "buendnis:forged", 0, first.type(), first.timeStamp(),
                first.payloadType(), "1", "{\"buendnisId\":\"forged\",\"reason\":\"vorab\"}".getBytes(),
                first.metaData()));

        JsonNode report = verify().json();

        assertThat(report.path("status").asText()).isEqualTo("BROKEN");
        assertThat(report.path("firstBreak").path("position").asLong()).isZero();
        assertThat(report.path("firstBreak").path("kind").asText()).isEqualTo("INSERTED");
        assertThat(report.path("firstBreak").path("aggregateId").asText()).isEqualTo("buendnis:forged");
        assertThat(kinds(report)).containsExactly("INSERTED@0", "ANCHOR_MISMATCH@" + anchor);
    }

    @Test
    void aForgedEventPutInPlaceOfADeletedOneIsReportedReplaced() {
        Row victim = original.get(2);
        TABLE.delete(e3);
        TABLE.insert(new Row(e3, UUID.randomUUID().toString(), victim.aggregateIdentifier(), 0, victim.type(),
                victim.timeStamp(), victim.payloadType(), victim.payloadRevision(),
                victim.payloadText().replace("Neuaufstellung", "Aufgelöst").getBytes(), victim.metaData()));

        JsonNode report = verify().json();

        assertThat(report.path("firstBreak").path("position").asLong()).isEqualTo(e3);
        assertThat(report.path("firstBreak").path("kind").asText()).isEqualTo("REPLACED");
        assertThat(report.path("firstBreak").path("detail").asText()).contains(victim.eventIdentifier());
        assertThat(kinds(report)).containsExactly("REPLACED@" + e3, "ANCHOR_MISMATCH@" + anchor);
    }

    @Test
    void twoEventsSwappedInPositionAreReportedMovedFromTheFirstOfThem() {
        TABLE.swapPositions(e2, e4);

        JsonNode report = verify().json();

        assertThat(report.path("status").asText()).isEqualTo("BROKEN");
        assertBreak(report.path("firstBreak"), e2, "MOVED", original.get(3));
        assertThat(report.path("firstBreak").path("detail").asText()).contains("recorded at position " + e4);
        assertThat(kinds(report)).containsExactly("MOVED@" + e2, "MOVED@" + e4, "ANCHOR_MISMATCH@" + anchor);
    }

    @Test
    void twoEventsSwappedInContentAreReportedMovedFromTheFirstOfThem() {
        TABLE.swapContents(e2, e3);

        JsonNode report = verify().json();

        JsonNode first = report.path("firstBreak");
        assertThat(first.path("position").asLong()).isEqualTo(e2);
        assertThat(first.path("kind").asText()).isEqualTo("MOVED");
        assertThat(first.path("eventId").asText()).isEqualTo(original.get(2).eventIdentifier());
        assertThat(first.path("detail").asText()).contains("recorded at position " + e3, "content differs too");
        assertThat(kinds(report)).containsExactly("MOVED@" + e2, "MOVED@" + e3, "ANCHOR_MISMATCH@" + anchor);
    }

    @Test
    void aChangeAfterTheSealedPositionsIsLocatedByTheRecordsWhileTheAnchorStillHolds() {
        TABLE.setPayload(e5, original.get(4).payloadText().replace("dresden", "leipzig"));

        JsonNode report = verify().json();

        assertThat(kinds(report)).containsExactly("CHANGED@" + e5);
        assertThat(report.path("checkedAnchors").get(0).path("ok").asBoolean()).isTrue();
    }

    @Test
    void aDeletedAnchorIsReportedMissingAtItsPosition() {
        TABLE.delete(anchor);

        JsonNode report = verify().json();

        assertBreak(report.path("firstBreak"), anchor, "MISSING", original.get(5));
        assertThat(report.path("firstBreak").path("detail").asText()).startsWith("recorded anchor");
        assertThat(report.path("checkedAnchors")).isEmpty();
    }

    @Test
    void anAnchorRewrittenToMatchAnAlteredChainDoesNotHideTheChange() {
        TABLE.setPayload(e2, original.get(1).payloadText().replace("hamm", "hamn"));
        List<Row> altered = TABLE.rows();
        TABLE.setPayload(anchor, ChainFixtures.anchorJson("PERIOD", "2027/28", e4, original.get(3).eventIdentifier(),
                4, ChainFixtures.head(altered, e4)));

        JsonNode report = verify().json();

        assertThat(report.path("checkedAnchors").get(0).path("ok").asBoolean()).isTrue();
        assertThat(kinds(report)).containsExactly("CHANGED@" + e2, "CHANGED@" + anchor);
    }

    @Test
    void refusesUnknownParametersNamingThem() {
        Http.Answer answer = new Http(port).as(Role.AUDITOR).get("/api/audit/verify?from=3");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.fields()).containsExactly("from");
        assertThat(answer.rules()).containsExactly("known-parameter");
    }

    private Http.Answer verify() {
        return new Http(port).as(Role.AUDITOR).get("/api/audit/verify");
    }

    private static void assertBreak(JsonNode found, long position, String kind, Row event) {
        assertThat(found.path("position").asLong()).as("position").isEqualTo(position);
        assertThat(found.path("kind").asText()).as("kind").isEqualTo(kind);
        assertThat(found.path("eventId").asText()).as("eventId").isEqualTo(event.eventIdentifier());
        assertThat(found.path("aggregateId").asText()).as("aggregateId").isEqualTo(event.aggregateIdentifier());
        assertThat(found.path("sequenceNumber").asLong()).as("sequenceNumber").isEqualTo(event.sequenceNumber());
    }

    /** Each break as {@code KIND@position}, in the report's order. */
    private static List<String> kinds(JsonNode report) {
        List<String> kinds = new ArrayList<>();
        report.path("breaks").forEach(b -> kinds.add(b.path("kind").asText() + "@" + b.path("position").asLong()));
        return kinds;
    }

    /** An event as stored before tokens were required: a self-declared caller. */
    private long append(String aggregateId, long sequenceNumber, Object payload) {
        return append(aggregateId, sequenceNumber, payload, MetaData.with("caller", "crm"));
    }

    /** An event caused with a verified access token of {@code caller}. */
    private long append(String aggregateId, long sequenceNumber, Object payload, AuditEvents.Caller caller) {
        return append(aggregateId, sequenceNumber, payload, MetaData.from(caller.metaData()));
    }

    private long append(String aggregateId, long sequenceNumber, Object payload, MetaData caller) {
        GenericDomainEventMessage<?> event = new GenericDomainEventMessage<>("Aggregate", aggregateId,
                sequenceNumber, payload, caller.and("correlationId", "c-" + sequenceNumber)
                .and("causationId", "m-" + aggregateId).and("traceId", "not chained"));
        eventStore.publish(event);
        return TABLE.rows().stream().filter(row -> row.eventIdentifier().equals(event.getIdentifier()))
                .findFirst().orElseThrow().globalIndex();
    }

    private static Path dataDir() {
        try {
            return Files.createTempDirectory("lbf-query-chain");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
