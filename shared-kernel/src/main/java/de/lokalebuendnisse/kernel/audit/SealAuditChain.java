package de.lokalebuendnisse.kernel.audit;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.regex.Pattern;

/**
 * Records a chain head as an anchor ({@link AuditChainSealed}) in the one audit ledger. Sent by the command side
 * after computing the head from the stored events: when an award period closes and when a calendar year is sealed
 * on request. A retry with the same seal records nothing.
 */
public record SealAuditChain(AuditChainScope scope,
                             String label,
                             String form,
                             long lastPosition,
                             String lastEventId,
                             long chainedEvents,
                             String head) {

    /**
     * The one form of the audit chain there is (its canonical text is documented and computed in the
     * {@code audit-trail} module, {@code de.lokalebuendnisse.audit.trail.chain.AuditChain}); a seal names it so a
     * later form can be told apart.
     */
    public static final String FORM = "lbf-audit-chain-v1";

    /** The ledger's aggregate identifier; apart from the prefixed identifiers of the other aggregates. */
    public static final String LEDGER_ID = "audit-ledger";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public SealAuditChain {
        Require.present(scope, "scope");
        label = scope.checkedLabel(label);
        Require.present(form, "form");
        if (!FORM.equals(form)) {
            throw new InvalidValueException("form", "form-known", "must be " + FORM);
        }
        if (lastPosition < 0) {
            throw new InvalidValueException("lastPosition", "not-negative", "must be 0 or more");
        }
        Require.text(lastEventId, "lastEventId", 200);
        if (chainedEvents < 1) {
            throw new InvalidValueException("chainedEvents", "positive", "a seal covers at least one event");
        }
        Require.matches(head, SHA256_HEX, "head", "sha256-hex", "must be 64 lower-case hex digits");
    }

    @TargetAggregateIdentifier
    public String ledgerId() {
        return LEDGER_ID;
    }

    /** The anchor this command records. */
    public AuditChainSealed sealed() {
        return new AuditChainSealed(scope, label, form, lastPosition, lastEventId, chainedEvents, head);
    }
}
