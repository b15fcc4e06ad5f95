package de.lokalebuendnisse.benchmarks.baseline;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw baselines the system is compared with, doing the same work without it: JDBC inserts of the event rows the
 * command side wrote, into a fresh H2 file of the same format (URL settings and Axon's table); a JDBC sequential
 * scan of the live store; and inserts of the query side's documents into a fresh mongo-java-server H2 file. They go
 * past the API on purpose: they are what the hardware and the stores give without the system.
 */
public final class RawBaselines {

    private static final String COLUMNS = "eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, "
            + "payloadType, payloadRevision, payload, metaData";

    private RawBaselines() {
    }

    /** The JDBC URL of the embedded store in {@code dataDir}, as the services default it. */
    public static String storeUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("event-store") + ";MODE=PostgreSQL;AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /** An event row as stored, without its position (the table gives that). */
    public record Row(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                      String timeStamp, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
    }

    /** The rows at positions {@code from} to {@code to} (inclusive) whose payload type ends with {@code type}. */
    public static List<Row> rows(String url, long from, long to, String type) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM DomainEventEntry WHERE globalIndex BETWEEN ? AND ? AND payloadType LIKE ?"
                     + " ORDER BY globalIndex")) {
            select.setLong(1, from);
            select.setLong(2, to);
            select.setString(3, "%" + type);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), result.getLong(3), result.getString(4),
                            result.getString(5), result.getString(6), result.getString(7), result.getBytes(8),
                            result.getBytes(9)));
                }
            }
        }
        return rows;
    }

    /**
     * Inserts {@code rows} into a fresh store file in {@code folder} with {@code writers} threads, each row in a
     * transaction of its own (a command commits one unit of work); answers rows per second.
     */
    public static double insert(Path folder, List<Row> rows, int writers) throws Exception {
        Files.createDirectories(folder);
        String url = storeUrl(folder);
        try (Connection schema = DriverManager.getConnection(url, "sa", "")) {
            PostgresEventTableFactory.INSTANCE.createDomainEventTable(schema, new EventSchema()).execute();
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            connections.add(DriverManager.getConnection(url, "sa", ""));
        }
        try {
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (Connection connection : connections) {
                work.add(pool.submit(() -> {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry ("
                            + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        for (int i = next.getAndIncrement(); i < rows.size(); i = next.getAndIncrement()) {
                            Row row = rows.get(i);
                            insert.setString(1, row.eventIdentifier());
                            insert.setString(2, row.aggregateIdentifier());
                            insert.setLong(3, row.sequenceNumber());
                            insert.setString(4, row.type());
                            insert.setString(5, row.timeStamp());
                            insert.setString(6, row.payloadType());
                            insert.setString(7, row.payloadRevision());
                            insert.setBytes(8, row.payload());
                            insert.setBytes(9, row.metaData());
                            insert.executeUpdate();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            return rows.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** A sequential scan of every event row of the store, each column read; answers {rows, rows per second}. */
    public static double[] scan(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement select = connection.createStatement()) {
            select.setFetchSize(1000);
            long start = System.nanoTime();
            long rows = 0;
            long bytes = 0;
            try (ResultSet result = select.executeQuery("SELECT globalIndex, " + COLUMNS
                    + " FROM DomainEventEntry ORDER BY globalIndex")) {
                while (result.next()) {
                    rows++;
                    bytes += result.getString(2).length() + result.getBytes(9).length + result.getBytes(10).length;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new double[] {rows, rows / seconds, bytes};
        }
    }

    /** The documents of one database of a MongoDB (or stand-in), per collection. */
    public static Map<String, List<RawBsonDocument>> documents(String mongoUri, String database) {
        Map<String, List<RawBsonDocument>> all = new LinkedHashMap<>();
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoDatabase db = mongo.getDatabase(database);
            for (String name : db.listCollectionNames()) {
                List<RawBsonDocument> documents = new ArrayList<>();
                db.getCollection(name, RawBsonDocument.class).find().into(documents);
                all.put(name, documents);
            }
        }
        return all;
    }

    /**
     * Per collection of one database its document count and BSON size as the database's own statistics give them
     * ({@code collStats}: {count, size}), without reading a document.
     */
    public static Map<String, long[]> statistics(String mongoUri, String database) {
        Map<String, long[]> all = new LinkedHashMap<>();
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoDatabase db = mongo.getDatabase(database);
            for (String name : db.listCollectionNames()) {
                org.bson.Document stats = db.runCommand(new org.bson.Document("collStats", name));
                all.put(name, new long[] {((Number) stats.get("count")).longValue(),
                        ((Number) stats.get("size")).longValue()});
            }
        }
        return all;
    }

    public static long bsonBytes(Map<String, List<RawBsonDocument>> documents) {
        return documents.values().stream().flatMap(List::stream).mapToLong(d -> d.getByteBuffer().remaining()).sum();
    }

    /**
     * Inserts the documents one by one into a fresh stand-in with an H2 file in {@code folder}; answers
     * {documents per second, the file's size in bytes once closed}.
     */
    public static double[] standInInsert(Path folder, Map<String, List<RawBsonDocument>> documents) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("raw-stand-in.mv");
        Files.deleteIfExists(file);
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        long count = 0;
        double seconds;
        try {
            server.bind("127.0.0.1", 0);
            try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:"
                    + server.getLocalAddress().getPort())) {
                MongoDatabase db = mongo.getDatabase("raw");
                DocumentCodec codec = new DocumentCodec();
                long start = System.nanoTime();
                for (Map.Entry<String, List<RawBsonDocument>> collection : documents.entrySet()) {
                    MongoCollection<Document> target = db.getCollection(collection.getKey());
                    for (RawBsonDocument document : collection.getValue()) {
                        target.insertOne(document.decode(codec));
                        count++;
                    }
                }
                seconds = (System.nanoTime() - start) / 1e9;
            }
        } finally {
            server.shutdownNow();
        }
        try {
            return new double[] {count / seconds, Files.size(file)};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
