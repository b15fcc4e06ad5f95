package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.command.config.AxonConfiguration;
import de.lokalebuendnisse.command.config.LbfProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends a command on Axon's command bus with the request's caller and correlation id as metadata, and puts the
 * event position reached on the answer ({@link EventPosition}).
 */
@Component
class CommandDispatcher {

    private final CommandGateway commandGateway;
    private final HttpServletRequest request;
    private final EventPosition eventPosition;
    private final long timeoutSeconds;

    CommandDispatcher(CommandGateway commandGateway, HttpServletRequest request, EventPosition eventPosition,
                      LbfProperties properties) {
        this.commandGateway = commandGateway;
        this.request = request;
        this.eventPosition = eventPosition;
        this.timeoutSeconds = properties.api().commandTimeoutSeconds();
    }

    <R> R send(Object command) {
        MetaData metaData = MetaData.from(Map.of(
                AxonConfiguration.CALLER, String.valueOf(request.getAttribute(RequestMetadata.CALLER_ATTRIBUTE)),
                AxonConfiguration.CORRELATION_ID,
                String.valueOf(request.getAttribute(RequestMetadata.CORRELATION_ATTRIBUTE))));
        R result = commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData),
                timeoutSeconds, TimeUnit.SECONDS);
        if (RequestContextHolder.currentRequestAttributes() instanceof ServletRequestAttributes servlet
                && servlet.getResponse() != null) {
            eventPosition.writeTo(servlet.getResponse());
        }
        return result;
    }
}
