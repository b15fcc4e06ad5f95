package de.lokalebuendnisse.kernel.audit;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
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
     * The first form of the audit chain: every event linked without the caller's verified identity. Anchors
     * recorded before tokens were required name it (the canonical texts are documented and computed in the
     * {@code audit-trail} module, {@code de.lokalebuendnisse.audit.trail.chain.AuditChain}).
     */
    public static final String FORM_V1 = "lbf-audit-chain-v1";
    /**
     * The form that chains the caller's verified identity: an event that carries it is linked in the v2 text, every
     * other event in the v1 text exactly as before. Over events without identity both forms give the same head,
     * which is why an anchor of either form is checked the same way.
     */
    public static final String FORM_V2 = "lbf-audit-chain-v2";
    /** The form new seals record. */
    public static final String FORM = FORM_V2;
    /** Every form a seal may name; any other is refused, so a later form cannot be mistaken for a known one. */
    public static final List<String> FORMS = List.of(FORM_V1, FORM_V2);

    /** The ledger's aggregate identifier; apart from the prefixed identifiers of the other aggregates. */
    public static final String LEDGER_ID = "audit-ledger";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public SealAuditChain {
        Require.present(scope, "scope");
        label = scope.checkedLabel(label);
        Require.present(form, "form");
        if (!FORMS.contains(form)) {
            throw new InvalidValueException("form", "form-known", "must be one of " + String.join(", ", FORMS));
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
