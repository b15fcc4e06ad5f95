package de.lokalebuendnisse.benchmarks.multiply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.benchmarks.baseline.RawBaselines;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The multiplier on a small hand-written store in Axon's table: two alliances' streams and a shared award period
 * stream. What the benchmark's smoke with copies shows end to end (the copies verify INTACT, the directory counts
 * them), this shows row by row.
 */
class HistoryMultiplierTest {

    private static final String IDENTITY = "\"caller\":\"Benchmark service\",\"callerClient\":\"benchmark-service\","
            + "\"callerRole\":\"service\",\"callerSubject\":\"benchmark-service\"";
    private static final String KERNEL = "de.lokalebuendnisse.kernel.";

    @TempDir
    Path folder;
    private String url;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void store() throws SQLException {
        url = RawBaselines.storeUrl(folder);
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            PostgresEventTableFactory.INSTANCE.createDomainEventTable(connection, new EventSchema()).execute();
        }
        insert("e1", "buendnis:lbf-nw-1", 0, "Buendnis", "buendnis.BuendnisRegistered",
                "{\"buendnisId\":\"lbf-nw-1\",\"profile\":{\"name\":\"Familienbündnis Köln\"}}", "c1", "r1");
        insert("e2", "buendnis:lbf-by-2", 0, "Buendnis", "buendnis.BuendnisRegistered",
                "{\"buendnisId\":\"lbf-by-2\",\"profile\":{\"name\":\"Familienbündnis München\"}}", "c2", "r2");
        insert("e3", "seal-award:2025/26", 0, "SealAward", "seal.AwardPeriodOpened",
                "{\"period\":\"2025/26\"}", "c3", "r3");
        insert("e4", "buendnis:lbf-nw-1", 1, "Buendnis", "buendnis.PartnerAdded",
                "{\"buendnisId\":\"lbf-nw-1\",\"partnerId\":\"p1\",\"name\":\"IHK 1\",\"type\":\"CHAMBER\"}",
                "c4", "r4");
        insert("e5", "buendnis:lbf-nw-1", 2, "Buendnis", "buendnis.BuendnisPaused",
                "{\"buendnisId\":\"lbf-nw-1\",\"reason\":\"Koordination unbesetzt\"}", "c5", "r4");
    }

    @Test
    void eachCopyIsTheAlliancesStreamsUnderNewIdsAtTheNextPositions() throws Exception {
        HistoryMultiplier.Result result = new HistoryMultiplier().multiply(url, 2, line -> { });

        assertThat(result.alliances()).isEqualTo(2);
        assertThat(result.eventsPerCopy()).isEqualTo(4);
        assertThat(result.eventsWritten()).isEqualTo(8);
        assertThat(result.headBefore()).isEqualTo(5);
        assertThat(result.headAfter()).isEqualTo(13);
        List<Stored> rows = rows();
        assertThat(rows).extracting(Stored::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L,
                12L, 13L);
        // the originals stay as they were, the shared stream is not copied
        assertThat(rows.subList(0, 5)).extracting(Stored::eventId).containsExactly("e1", "e2", "e3", "e4", "e5");
        assertThat(rows.subList(5, 13)).extracting(Stored::aggregateId).containsExactly(
                "buendnis:lbf-nw-1-x1", "buendnis:lbf-by-2-x1", "buendnis:lbf-nw-1-x1", "buendnis:lbf-nw-1-x1",
                "buendnis:lbf-nw-1-x2", "buendnis:lbf-by-2-x2", "buendnis:lbf-nw-1-x2", "buendnis:lbf-nw-1-x2");
        assertThat(rows.subList(5, 13)).extracting(Stored::sequence).containsExactly(0L, 0L, 1L, 2L, 0L, 0L, 1L, 2L);
        assertThat(rows.subList(5, 13)).extracting(Stored::type).containsOnly("Buendnis");

        Stored pausedCopy = rows.get(12);
        assertThat(pausedCopy.payloadType()).isEqualTo(KERNEL + "buendnis.BuendnisPaused");
        assertThat(pausedCopy.payload()).isEqualTo("{\"buendnisId\":\"lbf-nw-1-x2\",\"reason\":\"Koordination"
                + " unbesetzt\"}");
        assertThat(rows.get(7).payload()).isEqualTo("{\"buendnisId\":\"lbf-nw-1-x1\",\"partnerId\":\"p1\","
                + "\"name\":\"IHK 1\",\"type\":\"CHAMBER\"}");
        assertThat(pausedCopy.timestamp()).isEqualTo(rows.get(4).timestamp());
        assertThat(pausedCopy.revision()).isEqualTo("1");
    }

    @Test
    void theNextEventAppendedAfterwardsTakesThePositionAfterTheCopies() throws Exception {
        new HistoryMultiplier().multiply(url, 2, line -> { });

        // as the command side appends: the position from the column's identity
        insert("e6", "buendnis:lbf-nw-1", 3, "Buendnis", "buendnis.BuendnisResumed",
                "{\"buendnisId\":\"lbf-nw-1\"}", "c6", "r6");

        List<Stored> rows = rows();
        assertThat(rows).hasSize(14);
        assertThat(rows.get(13).eventId()).isEqualTo("e6");
        assertThat(rows.get(13).position()).isEqualTo(14);
    }

    @Test
    void copiesHaveTheirOwnEventAndMessageIdsButKeepTheCallersIdentity() throws Exception {
        new HistoryMultiplier().multiply(url, 2, line -> { });

        List<Stored> rows = rows();
        Set<String> eventIds = new HashSet<>();
        rows.forEach(row -> eventIds.add(row.eventId()));
        assertThat(eventIds).hasSize(rows.size());

        JsonNode original = json.readTree(rows.get(4).metaData());
        JsonNode firstCopy = json.readTree(rows.get(8).metaData());
        JsonNode secondCopy = json.readTree(rows.get(12).metaData());
        for (String key : List.of("caller", "callerClient", "callerRole", "callerSubject")) {
            assertThat(firstCopy.path(key)).isEqualTo(original.path(key));
            assertThat(secondCopy.path(key)).isEqualTo(original.path(key));
        }
        for (String key : List.of("correlationId", "causationId", "idempotencyKeyHash")) {
            assertThat(firstCopy.path(key).asText()).isNotBlank().isNotEqualTo(original.path(key).asText())
                    .isNotEqualTo(secondCopy.path(key).asText());
        }
        // events of one command (here e4 and e5 share the request) still share the copy's correlation id
        assertThat(json.readTree(rows.get(7).metaData()).path("correlationId"))
                .isEqualTo(firstCopy.path("correlationId"));
    }

    @Test
    void anAllianceWithPersonalDataIsRefusedBeforeAnythingIsWritten() throws Exception {
        insert("e6", "buendnis:lbf-nw-1", 3, "Buendnis", "buendnis.ContactPersonAdded",
                "{\"buendnisId\":\"lbf-nw-1\",\"personId\":\"x\",\"data\":{\"ciphertext\":\"...\"}}", "c6", "r6");

        assertThatThrownBy(() -> new HistoryMultiplier().multiply(url, 2, line -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ContactPersonAdded");
        assertThat(rows()).hasSize(6);
    }

    @Test
    void aPayloadThatDoesNotNameItsAllianceIsRefused() throws Exception {
        insert("e6", "buendnis:lbf-nw-1", 3, "Buendnis", "buendnis.BuendnisResumed", "{\"buendnisId\":\"other\"}",
                "c6", "r6");

        assertThatThrownBy(() -> new HistoryMultiplier().multiply(url, 1, line -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not name its alliance");
    }

    private void insert(String eventId, String aggregateId, long sequence, String type, String payloadType,
                        String payload, String causation, String correlation) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier,"
                     + " aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload,"
                     + " metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, eventId);
            insert.setString(2, aggregateId);
            insert.setLong(3, sequence);
            insert.setString(4, type);
            insert.setString(5, "2026-12-05T04:14:59.5" + sequence + "Z");
            insert.setString(6, KERNEL + payloadType);
            insert.setString(7, "1");
            insert.setBytes(8, payload.getBytes(StandardCharsets.UTF_8));
            insert.setBytes(9, ("{" + IDENTITY + ",\"causationId\":\"" + causation + "\",\"correlationId\":\""
                    + correlation + "\",\"idempotencyKeyHash\":\"h-" + eventId + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    private record Stored(long position, String eventId, String aggregateId, long sequence, String type,
                          String timestamp, String payloadType, String revision, String payload, String metaData) {
    }

    private List<Stored> rows() throws SQLException {
        List<Stored> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement select = connection.prepareStatement("SELECT globalIndex, eventIdentifier,"
                     + " aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload,"
                     + " metaData FROM DomainEventEntry ORDER BY globalIndex");
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new Stored(result.getLong(1), result.getString(2), result.getString(3), result.getLong(4),
                        result.getString(5), result.getString(6), result.getString(7), result.getString(8),
                        new String(result.getBytes(9), StandardCharsets.UTF_8),
                        new String(result.getBytes(10), StandardCharsets.UTF_8)));
            }
        }
        return rows;
    }
}
