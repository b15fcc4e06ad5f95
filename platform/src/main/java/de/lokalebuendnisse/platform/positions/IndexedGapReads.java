package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * A tracking processor's next batch when its token has gaps, read so that the store's primary index answers both
 * parts: the events after the token's position, and the events that have filled gaps below it.
 * <p>
 * Axon's statement asks for {@code (globalIndex > ? AND globalIndex <= ?) OR globalIndex IN (…)}. H2 uses no index
 * for that disjunction: it reads the whole event table, row by row, for every such batch (its plan names the primary
 * key without a condition). Gaps are common (an append that fails after taking its index leaves one, concurrent
 * appends leave them for a moment), so at a million events every processor that tails the store read a million rows
 * per batch: the command service answered a fraction of its commands. Two selects joined by {@code UNION ALL} are each
 * answered from the index, on H2 as on PostgreSQL. Every engine made by {@link OwnPositions#engine} reads this way. The gap part is bounded by the token's position, so no event can
 * be in both parts even if a gap above it were ever passed.
 */
final class IndexedGapReads implements ReadEventDataWithGapsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                   List<Long> gaps) throws SQLException {
        String position = schema.globalIndexColumn();
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String sql = select + position + " > ? AND " + position + " <= ?"
                + (gaps.isEmpty() ? "" : " UNION ALL " + select + position + " IN ("
                + String.join(",", Collections.nCopies(gaps.size(), "?")) + ") AND " + position + " <= ?")
                + " ORDER BY " + position + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(3 + i, gaps.get(i));
        }
        if (!gaps.isEmpty()) {
            statement.setLong(3 + gaps.size(), globalIndex);
        }
        return statement;
    }
}
