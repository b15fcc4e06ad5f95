package de.lokalebuendnisse.platform.personal;

import de.lokalebuendnisse.kernel.person.PersonId;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The persons' keys in a table {@code person_keys} of a relational database: the embedded default keeps it in an H2
 * file of its own ({@code ${lbf.data-dir}/person-keys}), which the three services share like the event store. Each
 * statement commits on its own (auto-commit) before the method returns; H2's {@code WRITE_DELAY=0} puts it on disk.
 */
public class JdbcPersonKeys implements PersonKeys, AutoCloseable {

    private final DataSource dataSource;

    public JdbcPersonKeys(DataSource dataSource) {
        this.dataSource = dataSource;
        createTable();
    }

    private void createTable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS person_keys (person_id VARCHAR(64) PRIMARY KEY, "
                    + "key_bytes VARBINARY(32) NOT NULL, created_at TIMESTAMP NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the table person_keys", e);
        }
    }

    @Override
    public Optional<SecretKey> find(PersonId personId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT key_bytes FROM person_keys WHERE person_id = ?")) {
            select.setString(1, personId.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(PersonKeyMaterial.key(row.getBytes(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the key of person " + personId, e);
        }
    }

    @Override
    public SecretKey findOrCreate(PersonId personId) {
        Optional<SecretKey> known = find(personId);
        if (known.isPresent()) {
            return known.get();
        }
        byte[] fresh = PersonKeyMaterial.fresh();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO person_keys (person_id, key_bytes, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, personId.value());
                insert.setBytes(2, fresh);
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                return new SecretKeySpec(fresh, PersonKeyMaterial.ALGORITHM);
            }
        } catch (SQLException e) {
            // another writer was first: its key is the person's key
            return find(personId).orElseThrow(() ->
                    new IllegalStateException("cannot store the key of person " + personId, e));
        }
    }

    /** Closes the connection pool, if the data source is one. */
    @Override
    public void close() throws Exception {
        if (dataSource instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public void delete(PersonId personId) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM person_keys WHERE person_id = ?")) {
                delete.setString(1, personId.value());
                delete.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the key of person " + personId, e);
        }
    }
}
