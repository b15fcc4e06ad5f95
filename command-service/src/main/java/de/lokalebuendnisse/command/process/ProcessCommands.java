package de.lokalebuendnisse.command.process;

import de.lokalebuendnisse.platform.messaging.MetadataKeys;
import de.lokalebuendnisse.kernel.common.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How a process of the command side sends the commands its events call for. Each command is sent on a thread of
 * the process's own, so it runs in its own unit of work and transaction and has committed when {@link #send}
 * returns; the process's token is stored only after that. The command carries the process's name, the cause's
 * correlation id and the cause as its causation.
 */
public final class ProcessCommands {

    private final CommandGateway commandGateway;
    private final String process;
    private final ExecutorService dispatcher;

    public ProcessCommands(CommandGateway commandGateway, String process) {
        this.commandGateway = commandGateway;
        this.process = process;
        this.dispatcher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, process + "-dispatch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sends {@code command} as caused by {@code cause} and waits until it has committed. The command keeps the
     * identity of whoever caused {@code cause} (name, subject, client, role) and adds the process's name; a cause
     * stored before identities were recorded passes on what it has, and the process's name stands in for a
     * missing caller.
     *
     * @return the refusal when the command was refused: final, since sending it again gives the same answer; the
     * refusal arrives as the aggregate's exception locally and as a generic one through Axon Server, both carry it
     * @throws RuntimeException any other failure, so the process retries from its token
     */
    public Optional<Refusal> send(Object command, EventMessage<?> cause) {
        Map<String, Object> values = new HashMap<>();
        for (String key : MetadataKeys.IDENTITY) {
            Object value = cause.getMetaData().get(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        values.putIfAbsent(MetadataKeys.CALLER, process);
        values.put(MetadataKeys.CORRELATION_ID,
                cause.getMetaData().getOrDefault(MetadataKeys.CORRELATION_ID, cause.getIdentifier()));
        values.put(MetadataKeys.CAUSATION_ID, cause.getIdentifier());
        values.put(MetadataKeys.PROCESS, process);
        MetaData metaData = MetaData.from(values);
        try {
            CompletableFuture.runAsync(() -> commandGateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metaData)), dispatcher).join();
            return Optional.empty();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CommandExecutionException failed
                    && failed.getDetails().orElse(null) instanceof Refusal refusal) {
                return Optional.of(refusal);
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
