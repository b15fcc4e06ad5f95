package de.lokalebuendnisse.audit.service.chain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.audit.service.chain.StoredEvents.StoredEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The embedded event store's table as someone with database access sees it: plain JDBC on the H2 file, nothing of
 * Axon. The tests tamper with it through this, and compute what the verifier should find from its raw columns.
 */
final class EventStoreTable {

    static final String COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, "
            + "timeStamp, payloadType, payloadRevision, payload, metaData";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row, every column. */
    record Row(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
               String type, String timeStamp, String payloadType, String payloadRevision, byte[] payload,
               byte[] metaData) {

        String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The event as the chain covers it, computed from the columns alone. */
        ChainedEvent chained() {
            Map<String, String> chainedMetaData = new LinkedHashMap<>();
            try {
                Map<String, Object> all = JSON.readValue(metaData, new TypeReference<Map<String, Object>>() { });
                for (String key : AuditChain.METADATA_KEYS) {
                    if (all.get(key) != null) {
                        chainedMetaData.put(key, all.get(key).toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ChainedEvent(eventIdentifier, aggregateIdentifier, sequenceNumber, payloadType,
                    payloadRevision, payloadText(), chainedMetaData, Instant.parse(timeStamp));
        }

        StoredEvent stored() {
            return new StoredEvent(globalIndex, chained());
        }
    }

    private final String url;

    EventStoreTable(Path dataDir) {
        this.url = "jdbc:h2:file:" + dataDir + "/event-store;MODE=PostgreSQL;AUTO_SERVER=TRUE";
    }

    List<Row> rows() {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM DomainEventEntry ORDER BY globalIndex");
             ResultSet rows = select.executeQuery()) {
            List<Row> all = new ArrayList<>();
            while (rows.next()) {
                all.add(new Row(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                        rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                        rows.getBytes(9), rows.getBytes(10)));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Row row(long globalIndex) {
        return rows().stream().filter(row -> row.globalIndex() == globalIndex).findFirst().orElseThrow();
    }

    /** Puts the table back exactly as {@code rows}, global indexes included. */
    void restore(List<Row> rows) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM DomainEventEntry")) {
                delete.executeUpdate();
            }
            for (Row row : rows) {
                insert(connection, row);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends a row at the next global index, as the command side would (the live projection will see it). */
    void append(String aggregateId, long sequenceNumber, String payloadType, String payload, String metaData) {
        update("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, "
                        + "timeStamp, payloadType, payloadRevision, payload, metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), aggregateId, sequenceNumber, "AuditChain", Instant.now().toString(),
                payloadType, "1", payload.getBytes(StandardCharsets.UTF_8),
                metaData.getBytes(StandardCharsets.UTF_8));
    }

    void insert(Row row) {
        try (Connection connection = connect()) {
            insert(connection, row);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void setPayload(long globalIndex, String payload) {
        update("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?",
                payload.getBytes(StandardCharsets.UTF_8), globalIndex);
    }

    void setMetaData(long globalIndex, String metaData) {
        update("UPDATE DomainEventEntry SET metaData = ? WHERE globalIndex = ?",
                metaData.getBytes(StandardCharsets.UTF_8), globalIndex);
    }

    void delete(long globalIndex) {
        update("DELETE FROM DomainEventEntry WHERE globalIndex = ?", globalIndex);
    }

    /**
     * Exchanges the positions of two events. The row in between is parked at a negative index, which no reader
     * ever fetches: a parked row at a new high index would look like a new event to the live projection.
     */
    void swapPositions(long first, long second) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            move(connection, first, -1);
            move(connection, second, first);
            move(connection, -1, second);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Exchanges what two events say (identifier, type and payload) but leaves their positions and streams. */
    void swapContents(long first, long second) {
        Row a = row(first);
        Row b = row(second);
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            // the identifier is unique: park one first
            setContents(connection, first, "parked-" + UUID.randomUUID(), b.payloadType(), b.payload());
            setContents(connection, second, a.eventIdentifier(), a.payloadType(), a.payload());
            setContents(connection, first, b.eventIdentifier(), b.payloadType(), b.payload());
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setContents(Connection connection, long globalIndex, String eventId, String payloadType,
                                    byte[] payload) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE DomainEventEntry SET eventIdentifier = ?, "
                + "payloadType = ?, payload = ? WHERE globalIndex = ?")) {
            update.setString(1, eventId);
            update.setString(2, payloadType);
            update.setBytes(3, payload);
            update.setLong(4, globalIndex);
            update.executeUpdate();
        }
    }

    private static void move(Connection connection, long from, long to) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE DomainEventEntry SET globalIndex = ? WHERE globalIndex = ?")) {
            update.setLong(1, to);
            update.setLong(2, from);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("no event at global index " + from);
            }
        }
    }

    private static void insert(Connection connection, Row row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO DomainEventEntry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, row.globalIndex());
            insert.setString(2, row.eventIdentifier());
            insert.setString(3, row.aggregateIdentifier());
            insert.setLong(4, row.sequenceNumber());
            insert.setString(5, row.type());
            insert.setString(6, row.timeStamp());
            insert.setString(7, row.payloadType());
            insert.setString(8, row.payloadRevision());
            insert.setBytes(9, row.payload());
            insert.setBytes(10, row.metaData());
            insert.executeUpdate();
        }
    }

    private void update(String sql, Object... values) {
        try (Connection connection = connect(); PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("not exactly one row changed by " + sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }
}
