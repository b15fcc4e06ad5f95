package de.lokalebuendnisse.platform.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.messaging.MetaData;
import de.lokalebuendnisse.platform.projection.BatchFlushInterceptor;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.BsonDocument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Drives one projection bean the way its processor does: events go through Axon's annotation adapter (so parameter
 * resolution of metadata, timestamp, sequence number and tracking token is real), each as a tracked domain event of
 * the aggregate the command side would have stored it under, at the next event-store position (a token of its own,
 * as Axon Server's: {@link de.lokalebuendnisse.platform.positions.OwnPositions#ofAxonServer()} gives the position). Its MongoDB is an
 * in-memory mongo-java-server, a fresh database per harness.
 */
public final class ProjectionHarness implements AutoCloseable {

    private static final MongoServer SERVER = startServer();

    /** Where the commands the driver sends go while {@link #commandsDuring} records them; null otherwise. */
    private volatile List<BsonDocument> recording;
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + SERVER.getLocalAddress().getPort()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    List<BsonDocument> commands = recording;
                    if (commands != null) {
                        commands.add(event.getCommand().clone());
                    }
                }
            })
            .build());
    private final MongoDatabase database = client.getDatabase("test-" + UUID.randomUUID());
    private final Map<String, Long> sequences = new HashMap<>();
    private AnnotationEventHandlerAdapter adapter;
    private long position;
    private Instant clock = Instant.parse("2024-05-02T08:00:00Z");

    private static MongoServer startServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        return server;
    }

    public MongoDatabase database() {
        return database;
    }

    /** The client of {@link #database()}, for Axon's MongoDB stores in the same database. */
    public MongoClient client() {
        return client;
    }

    /** The projection under test; call once, after building it on {@link #database()}. */
    public <P> P project(P projection) {
        this.adapter = new AnnotationEventHandlerAdapter(projection);
        return projection;
    }

    /**
     * The commands the driver sent to the store while {@code work} ran, in order: for tests of what a handler asks the
     * store (the stand-in answers a find by a field without a unique index by reading the whole collection).
     */
    public List<BsonDocument> commandsDuring(Runnable work) {
        List<BsonDocument> commands = new CopyOnWriteArrayList<>();
        recording = commands;
        try {
            work.run();
        } finally {
            recording = null;
        }
        return commands;
    }

    /** The instant the next events carry; each event moves it on by one second. */
    public ProjectionHarness at(Instant instant) {
        this.clock = instant;
        return this;
    }

    /** Publishes a new event, stored under {@code aggregateId} with the given metadata pairs. */
    public EventMessage<?> publish(String aggregateId, Object payload, String... metaData) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        Map<String, Object> meta = new HashMap<>();
        for (int i = 0; i < metaData.length; i += 2) {
            meta.put(metaData[i], metaData[i + 1]);
        }
        Instant timestamp = clock;
        GenericDomainEventMessage<?> domain = new GenericDomainEventMessage<>(aggregateTypeOf(aggregateId),
                aggregateId, sequence, new org.axonframework.messaging.GenericMessage<>(
                UUID.randomUUID().toString(), payload, MetaData.from(meta)), () -> timestamp);
        clock = clock.plusSeconds(1);
        position++;
        GenericTrackedDomainEventMessage<?> tracked = new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(position), domain);
        deliver(tracked);
        return tracked;
    }

    /** Delivers an event again, as a processor does after a crash before its token was stored. */
    public void redeliver(EventMessage<?> event) {
        deliver(event);
    }

    /**
     * Delivers events again, all in one batch as a pooled streaming processor hands them over (a batching unit of
     * work, through the {@link BatchFlushInterceptor} every projection's processor has): what the handlers write
     * reaches the database when the last event has been handled.
     */
    public void redeliverInOneBatch(List<EventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new ArrayList<>(events));
        ResultMessage<?> result = batch.executeWithResult(() -> new DefaultInterceptorChain<>(batch,
                List.of(new BatchFlushInterceptor()), message -> adapter.handle(message)).proceed());
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
    }

    /** What a processor does before a replay: its reset handlers run. */
    public void reset() {
        DefaultUnitOfWork.startAndGet(null).execute(() -> adapter.prepareReset());
    }

    private void deliver(EventMessage<?> event) {
        try {
            DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> adapter.handle(event));
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private static String aggregateTypeOf(String aggregateId) {
        String kind = aggregateId.substring(0, Math.max(0, aggregateId.indexOf(':')));
        return switch (kind) {
            case "buendnis" -> "Buendnis";
            case "survey-campaign" -> "SurveyCampaign";
            case "seal-award" -> "SealAward";
            default -> kind;
        };
    }

    @Override
    public void close() {
        database.drop();
        client.close();
    }
}
