package de.lokalebuendnisse.kernel.audit;

import de.lokalebuendnisse.kernel.common.InvalidValueException;

/**
 * One page of the audit history of a calendar year (Europe/Berlin), in event-store order.
 *
 * @param page zero-based
 * @param size at most {@link #MAX_SIZE}; the REST API allows less, the export reads pages of this size
 */
public record FindAuditHistoryQuery(int year, int page, int size) {

    /** Keeps one answer small enough for a single query response message, also across Axon Server. */
    public static final int MAX_SIZE = 1000;

    public FindAuditHistoryQuery {
        if (year < 2004 || year > 2999) {
            throw new InvalidValueException("year", "year-range", "must be a calendar year from 2004 to 2999");
        }
        if (page < 0) {
            throw new InvalidValueException("page", "not-negative", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidValueException("size", "range", "must be from 1 to " + MAX_SIZE);
        }
    }
}
