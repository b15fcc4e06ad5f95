package de.lokalebuendnisse.command.caller;

import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.platform.messaging.MetadataKeys;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * No command is handled without a verified caller in its metadata: {@code callerSubject} and {@code callerRole}, as
 * the HTTP edge writes them from the access token, or {@code process} for a command a process of this service sends
 * on behalf of the event that caused it (which passes on that event's caller). This is the check at the handler,
 * so it also holds for commands that arrive over Axon Server from another sender: Axon Server authenticates its
 * clients by token, and a client it admits is trusted to have verified its own caller (README, "Trust boundary").
 */
@Configuration(proxyBeanMethods = false)
public class VerifiedCallers {

    @Autowired
    void requireOnHandling(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(requireVerifiedCaller());
    }

    static MessageHandlerInterceptor<CommandMessage<?>> requireVerifiedCaller() {
        return (UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) -> {
            List<Refusal.Reason> missing = missing(unitOfWork.getMessage());
            if (!missing.isEmpty()) {
                throw new CommandRefusedException(new Refusal(Refusal.Kind.INVALID, missing));
            }
            return chain.proceed();
        };
    }

    static List<Refusal.Reason> missing(CommandMessage<?> command) {
        List<Refusal.Reason> missing = new ArrayList<>();
        if (command.getMetaData().get(MetadataKeys.PROCESS) != null) {
            return missing;
        }
        for (String key : List.of(MetadataKeys.CALLER_SUBJECT, MetadataKeys.CALLER_ROLE)) {
            Object value = command.getMetaData().get(key);
            if (!(value instanceof String text) || text.isBlank()) {
                missing.add(new Refusal.Reason("metaData." + key, "caller-verified",
                        "a command must carry the verified caller of its sender"));
            }
        }
        return missing;
    }
}
