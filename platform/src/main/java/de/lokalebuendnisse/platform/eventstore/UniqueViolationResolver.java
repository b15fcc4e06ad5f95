package de.lokalebuendnisse.platform.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Recognises a unique-constraint violation by its standard SQLSTATE 23505 (H2 and PostgreSQL), so that a second
 * stream start under a taken identifier is reported as a duplicate (HTTP 409) and not as a storage failure. Axon's
 * error-code resolver does not know H2 in PostgreSQL mode.
 */
final class UniqueViolationResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
