package de.lokalebuendnisse.kernel.audit;

/**
 * Record the audit chain's head for an ended calendar year (Europe/Berlin). The command side computes the head from
 * the stored events and records it as a {@link SealAuditChain}; the answer is that seal.
 */
public record SealAuditChainOfYear(int year) {
}
