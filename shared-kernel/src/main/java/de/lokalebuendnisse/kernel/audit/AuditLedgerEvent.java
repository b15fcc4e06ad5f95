package de.lokalebuendnisse.kernel.audit;

/** Everything the audit ledger records. */
public sealed interface AuditLedgerEvent permits AuditChainSealed {
}
