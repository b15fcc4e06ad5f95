package de.lokalebuendnisse.platform.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/**
 * How the projections of a read-side service (the query service, the auditors' service) process events: each is a
 * pooled streaming processor of its own processing group, keeps its tracking tokens in the same MongoDB database as
 * its documents (so a new database means a rebuild, never a projection that silently skips its past), and sends an
 * event its handler cannot process to a dead-letter queue of its own. Dead letters are sequenced per aggregate: once an event of a Bündnis fails, later events of that
 * Bündnis wait behind it, while every other aggregate goes on.
 * <p>
 * Before each event Axon asks the queue whether the event's sequence holds letters (one MongoDB round trip per
 * event, the largest single cost of a replay in the profile). Its sequence-identifier cache answers that in memory:
 * per claimed segment it counts the queue's sequences once; an empty queue then is only asked again about sequences
 * this processor itself dead-lettered, a non-empty one once per sequence it has not seen yet. Letters of a segment
 * are only added by the instance holding the segment, and the cache is dropped when the segment is released, so it
 * cannot miss a letter; a letter retried away is only asked about once more.
 * <p>
 * The events a processor gets are in the store's file already (the storage engine's fence, {@code StoreFence}).
 * Replays of the projections that allow it, and their catch-ups far behind the head, write their documents once per
 * window of batches ({@link ReplayWindows}).
 */
@Configuration(proxyBeanMethods = false)
@Import(ProjectionStoreConfiguration.class)
public class ProjectionProcessingConfiguration {

    @Bean
    public ReplayWindows replayWindows(ProjectionGroups groups, ReadSideProperties properties,
                                       ObjectProvider<EventStore> eventStore) {
        ReadSideProperties.Rebuild rebuild = properties.rebuild();
        // looked up when a batch first asks: the token store, which the event processing needs, is built from this
        return new ReplayWindows(groups.replayWindowed(), rebuild.windowDocuments(), rebuild.windowAge(),
                Clock.systemUTC(), rebuild.windowBehind(),
                () -> EventPositions.of(eventStore.getObject().createHeadToken()));
    }

    @Bean
    public ConfigurerModule projectionProcessing(MongoTemplate axonMongoTemplate,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer, ProjectionGroups groups,
                                                 ReplayWindows windows) {
        return configurer -> {
            configurer.eventProcessing().usingPooledStreamingEventProcessors();
            for (String group : groups.names()) {
                configurer.eventProcessing()
                        .registerSequencingPolicy(group, c -> SequentialPerAggregatePolicy.instance())
                        .registerDeadLetterQueue(group, c -> MongoSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .mongoTemplate(axonMongoTemplate)
                                .serializer(serializer)
                                .build())
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                                (c, invoker) -> invoker.enableSequenceIdentifierCache())
                        .registerHandlerInterceptor(group, c -> new BatchFlushInterceptor(group, windows));
            }
        };
    }
}
