package de.lokalebuendnisse.audit.trail.history;

/**
 * An event below a position the read must cover may still be committing (the store shows a gap there), or committed
 * after the read had passed its position: a chain head or history computed now could miss it. Settles by itself:
 * the event appears, or the store declares the gap permanent once it is older than its gap timeout (Axon's JDBC
 * default: 60 s). An {@link IllegalStateException}, as every broken read of the history is.
 */
public class HistoryNotSettledException extends IllegalStateException {

    public HistoryNotSettledException(String message) {
        super(message);
    }
}
