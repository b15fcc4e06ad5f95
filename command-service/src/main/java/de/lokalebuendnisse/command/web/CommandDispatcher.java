package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.command.http.EventPosition;
import de.lokalebuendnisse.command.idempotency.KeyedEffects;
import de.lokalebuendnisse.platform.messaging.MetadataKeys;
import de.lokalebuendnisse.platform.security.Caller;
import de.lokalebuendnisse.platform.security.Callers;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.command.config.LbfProperties;
import de.lokalebuendnisse.command.idempotency.IdempotencyFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Sends a command on Axon's command bus with the request's verified caller (from its access token: name, subject,
 * client and the role the request was admitted under) and correlation id as metadata, and puts the
 * event position reached on the answer ({@link EventPosition}).
 * <p>
 * Under an {@code Idempotency-Key} a command runs at most once, also across a crash: the key's hash travels into the
 * metadata of every event the command records, the identifiers the request generates are derived from the key (a
 * resend names the same alliance, partner or Werkstatt), and a request that takes over the claim of one that died
 * first looks whether its command had already taken effect.
 */
@Component
class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandGateway commandGateway;
    private final KeyedEffects keyedEffects;
    private final HttpServletRequest request;
    private final EventPosition eventPosition;
    private final long timeoutSeconds;
    private final Callers callers;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    CommandDispatcher(CommandGateway commandGateway, KeyedEffects keyedEffects, HttpServletRequest request,
                      EventPosition eventPosition, LbfProperties properties, Callers callers) {
        this.commandGateway = commandGateway;
        this.keyedEffects = keyedEffects;
        this.request = request;
        this.eventPosition = eventPosition;
        this.callers = callers;
        this.timeoutSeconds = properties.api().commandTimeoutSeconds();
    }

    /**
     * A new identifier for something this request creates ({@code kind} tells apart several in one request):
     * random, or derived from the request's {@code Idempotency-Key}, so that a resend after a crash creates nothing
     * twice.
     */
    String newId(String kind) {
        String key = idempotencyKey();
        return key == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("lbf-generated-id|" + kind + "|" + key).getBytes(StandardCharsets.UTF_8))
                        .toString();
    }

    /**
     * Sends a command whose answer is its events. A resend that takes over a dead request's claim sends nothing when
     * the target already holds an event of this key.
     */
    void send(Object command) {
        CommandMessage<?> message = message(command);
        if (Boolean.TRUE.equals(request.getAttribute(IdempotencyFilter.TAKEN_OVER_ATTRIBUTE))
                && targetHoldsEventOf(message)) {
            log.info("Idempotency-Key resent after a crash: {} had taken effect already, not sent again",
                    message.getPayloadType().getSimpleName());
            writePosition();
            return;
        }
        dispatch(message);
    }

    /**
     * Sends a command whose handler answers with a value. Such handlers answer a repeated command with the same
     * value and record nothing, so a takeover sends it again.
     */
    <R> R sendForAnswer(Object command) {
        return dispatch(message(command));
    }

    private <R> R dispatch(CommandMessage<?> message) {
        R result;
        try {
            result = commandGateway.sendAndWait(message, timeoutSeconds, TimeUnit.SECONDS);
        } catch (AggregateStreamCreationException e) {
            // the stream exists: a resend whose first run had created it before the process died is not a duplicate
            if (!targetHoldsEventOf(message)) {
                throw e;
            }
            log.info("Idempotency-Key resent after a crash: {} had created its stream already",
                    message.getPayloadType().getSimpleName());
            result = null;
        }
        writePosition();
        return result;
    }

    private CommandMessage<?> message(Object command) {
        Map<String, String> metaData = new HashMap<>();
        // every command route admits roles only (CommandAccess), so a request that got here carries a token
        Caller caller = callers.caller().orElseThrow(() -> new IllegalStateException("no verified caller"));
        metaData.put(MetadataKeys.CALLER, caller.name());
        metaData.put(MetadataKeys.CALLER_SUBJECT, caller.subject());
        if (caller.client() != null) {
            metaData.put(MetadataKeys.CALLER_CLIENT, caller.client());
        }
        metaData.put(MetadataKeys.CALLER_ROLE, callers.roleUsed(caller, request).map(Role::claimValue)
                .orElseThrow(() -> new IllegalStateException("no role admitted this request")));
        metaData.put(MetadataKeys.CORRELATION_ID,
                String.valueOf(request.getAttribute(RequestMetadata.CORRELATION_ATTRIBUTE)));
        String key = idempotencyKey();
        if (key != null) {
            metaData.put(MetadataKeys.IDEMPOTENCY_KEY_HASH, KeyedEffects.hash(key));
        }
        return GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metaData));
    }

    /** Whether the command's target stream holds an event recorded under this request's key. */
    private boolean targetHoldsEventOf(CommandMessage<?> message) {
        String key = idempotencyKey();
        return key != null && keyedEffects.recorded(targets.resolveTarget(message).getIdentifier(), key);
    }

    private String idempotencyKey() {
        return (String) request.getAttribute(IdempotencyFilter.KEY_ATTRIBUTE);
    }

    private void writePosition() {
        if (RequestContextHolder.currentRequestAttributes() instanceof ServletRequestAttributes servlet
                && servlet.getResponse() != null) {
            eventPosition.writeTo(servlet.getResponse());
        }
    }
}
