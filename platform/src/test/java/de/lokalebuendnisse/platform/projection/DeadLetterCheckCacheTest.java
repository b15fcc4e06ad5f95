package de.lokalebuendnisse.platform.projection;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The projections' dead-letter invokers are built as {@link ProjectionProcessingConfiguration} configures them and
 * driven with events: with an empty queue no event asks the queue, and once an event of an aggregate is dead-lettered
 * the later events of that aggregate are asked about again (and queued behind it), the others still not.
 */
class DeadLetterCheckCacheTest {

    @SuppressWarnings("unchecked")
    private final SequencedDeadLetterQueue<EventMessage<?>> queue = mock(SequencedDeadLetterQueue.class);
    private final Handler handler = new Handler();

    @Test
    void anEmptyQueueIsNotAskedPerEventButASequenceWithALetterIs() throws Exception {
        DeadLetteringEventHandlerInvoker invoker = invokerAsConfigured();

        handle(invoker, "hamm", "registered");
        handle(invoker, "hamm", "profile");
        handle(invoker, "koeln", "registered");
        verify(queue, never()).enqueueIfPresent(any(), any());
        assertThat(handler.handled).containsExactly("hamm:registered", "hamm:profile", "koeln:registered");

        handle(invoker, "hamm", "poison");
        verify(queue).enqueue(eq("hamm"), any());
        when(queue.enqueueIfPresent(eq("hamm"), any())).thenReturn(true);
        handle(invoker, "hamm", "later");
        handle(invoker, "koeln", "later");

        verify(queue, times(1)).enqueueIfPresent(eq("hamm"), any());
        verify(queue, never()).enqueueIfPresent(eq("koeln"), any());
        assertThat(handler.handled).as("the later event of hamm waits behind the poison")
                .containsExactly("hamm:registered", "hamm:profile", "koeln:registered", "koeln:later");
    }

    /** Applies the invoker configuration the module registers for the group to a builder, as Axon does. */
    private DeadLetteringEventHandlerInvoker invokerAsConfigured() {
        Configurer configurer = mock(Configurer.class);
        EventProcessingConfigurer processing = mock(EventProcessingConfigurer.class, RETURNS_SELF);
        when(configurer.eventProcessing()).thenReturn(processing);
        new ProjectionProcessingConfiguration().projectionProcessing(mock(MongoTemplate.class), mock(Serializer.class),
                mock(Serializer.class), ProjectionGroups.of("directory"), ReplayWindows.none())
                .configureModule(configurer);
        ArgumentCaptor<EventProcessingConfigurer.DeadLetteringInvokerConfiguration> configuration =
                ArgumentCaptor.forClass(EventProcessingConfigurer.DeadLetteringInvokerConfiguration.class);
        verify(processing).registerDeadLetteringEventHandlerInvokerConfiguration(eq("directory"),
                configuration.capture());

        when(queue.amountOfSequences()).thenReturn(0L);
        DeadLetteringEventHandlerInvoker.Builder builder = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(handler)
                .sequencingPolicy(SequentialPerAggregatePolicy.instance())
                .queue(queue)
                .transactionManager(NoTransactionManager.instance());
        return configuration.getValue().apply(null, builder).build();
    }

    private static void handle(DeadLetteringEventHandlerInvoker invoker, String aggregate, String what)
            throws Exception {
        invoker.handle(new GenericDomainEventMessage<>("Buendnis", aggregate, 0, what), Segment.ROOT_SEGMENT);
    }

    static final class Handler {

        final List<String> handled = new ArrayList<>();

        @EventHandler
        void on(String what, org.axonframework.eventhandling.DomainEventMessage<String> event) {
            if (what.equals("poison")) {
                throw new IllegalStateException("cannot project " + what);
            }
            handled.add(event.getAggregateIdentifier() + ":" + what);
        }
    }
}
