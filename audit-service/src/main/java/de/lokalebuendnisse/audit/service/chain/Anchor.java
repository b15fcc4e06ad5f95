package de.lokalebuendnisse.audit.service.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.ChainedEvent;

import java.io.IOException;

/**
 * An anchor of the chain ({@value AuditChain#ANCHOR_TYPE}) as stored: the head the chain had up to
 * {@code lastPosition} when a period or year was sealed. Read from the stored JSON rather than through the event's
 * class, so that any release can check the anchors any other release wrote.
 *
 * @param scope   what was sealed, e.g. {@code PERIOD 2024/25}
 * @param problem why the anchor cannot be checked (not readable, a field missing); null when it can
 */
record Anchor(long position, ChainedEvent event, String scope, String form, long lastPosition, String lastEventId,
              long chainedEvents, String head, String problem) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Anchor of(long position, ChainedEvent event) {
        JsonNode payload;
        try {
            payload = JSON.readTree(event.payload() == null ? "" : event.payload());
        } catch (IOException e) {
            return unreadable(position, event, "its payload is not JSON: " + e.getMessage());
        }
        if (payload == null || !payload.isObject()) {
            return unreadable(position, event, "its payload is not a JSON object");
        }
        String scope = scope(payload);
        JsonNode lastPosition = payload.get("lastPosition");
        JsonNode chainedEvents = payload.get("chainedEvents");
        JsonNode head = payload.get("head");
        if (lastPosition == null || !lastPosition.canConvertToLong() || chainedEvents == null
                || !chainedEvents.canConvertToLong() || head == null || !head.isTextual()) {
            return new Anchor(position, event, scope, text(payload, "form"), -1, null, -1, null,
                    "it lacks lastPosition, chainedEvents or head");
        }
        return new Anchor(position, event, scope, text(payload, "form"), lastPosition.asLong(),
                text(payload, "lastEventId"), chainedEvents.asLong(), head.asText(), null);
    }

    /** The scope as {@code KIND label}, whether stored as an object {@code {kind, label}} or as flat fields. */
    private static String scope(JsonNode payload) {
        JsonNode scope = payload.get("scope");
        if (scope != null && scope.isObject()) {
            return join(text(scope, "kind"), text(scope, "label"));
        }
        if (scope != null && scope.isTextual()) {
            return join(scope.asText(), text(payload, "label"));
        }
        String kind = text(payload, "scopeKind") != null ? text(payload, "scopeKind") : text(payload, "kind");
        String label = text(payload, "scopeLabel") != null ? text(payload, "scopeLabel") : text(payload, "label");
        return join(kind, label);
    }

    private static String join(String kind, String label) {
        if (kind == null && label == null) {
            return "unnamed scope";
        }
        return kind == null ? label : label == null ? kind : kind + " " + label;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Anchor unreadable(long position, ChainedEvent event, String problem) {
        return new Anchor(position, event, "unnamed scope", null, -1, null, -1, null, problem);
    }
}
