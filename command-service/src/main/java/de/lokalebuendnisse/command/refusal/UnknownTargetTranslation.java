package de.lokalebuendnisse.command.refusal;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * A command for an aggregate that does not exist is refused as NOT_FOUND where it is handled, so the caller gets
 * the same {@link de.lokalebuendnisse.kernel.common.Refusal} locally and across Axon Server (which would otherwise
 * pass on only the message of Axon's exception).
 */
@Component
public class UnknownTargetTranslation implements MessageHandlerInterceptor<CommandMessage<?>> {

    public UnknownTargetTranslation(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (AggregateNotFoundException e) {
            throw CommandRefusedException.notFound(field(String.valueOf(e.getAggregateIdentifier())), "target-exists",
                    "nothing is recorded under " + e.getAggregateIdentifier());
        }
    }

    /** The request field that names the missing target, by the kind its identifier carries. */
    static String field(String aggregateIdentifier) {
        String id = aggregateIdentifier == null ? "" : aggregateIdentifier;
        if (id.startsWith("buendnis:")) {
            return "buendnisId";
        }
        if (id.startsWith("survey-campaign:")) {
            return "year";
        }
        if (id.startsWith("seal-award:")) {
            return "period";
        }
        return "target";
    }
}
