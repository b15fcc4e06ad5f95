package de.lokalebuendnisse.command.audit;

/**
 * An event below the position to seal may still be committing (the store shows a gap there), so a head computed
 * now could miss it. Settles by itself: the event appears, or the store declares the gap permanent once it is
 * older than its gap timeout (Axon's JDBC default: 60 s).
 */
public class HistoryNotSettledException extends RuntimeException {

    public HistoryNotSettledException(String message) {
        super(message);
    }
}
