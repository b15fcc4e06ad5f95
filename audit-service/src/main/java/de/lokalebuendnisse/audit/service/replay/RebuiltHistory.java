package de.lokalebuendnisse.audit.service.replay;

import com.mongodb.MongoClientSettings;
import de.lokalebuendnisse.audit.service.history.AuditDocuments;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The replay's rebuilt history for the comparison: each year's documents in a temporary file of their own, in the
 * order written (position order), as BSON encoded by the driver's own codec, and read back through it, so an entry
 * compared is what a read of the documents from MongoDB hands back. Reading them back from the replay's database
 * instead made MongoDB store and index every document first; on the embedded stand-in that was most of a replay's
 * time. Memory stays flat: the files are written and read as streams. The files are deleted on {@link #close()}.
 */
final class RebuiltHistory implements AutoCloseable {

    private static final Codec<Document> CODEC = MongoClientSettings.getDefaultCodecRegistry().get(Document.class);
    private static final int BUFFER = 64 * 1024;

    private final Path folder;
    private final Map<Integer, OutputStream> writing = new TreeMap<>();
    private final BasicOutputBuffer encoded = new BasicOutputBuffer();

    RebuiltHistory(String replayId) {
        try {
            this.folder = Files.createTempDirectory(AuditReplay.DATABASE_PREFIX + replayId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary folder for the replay's rebuilt history", e);
        }
    }

    /** Appends the document to its year's file; documents of one year must come in position order. */
    void add(int year, Document document) {
        encoded.truncateToPosition(0);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(encoded)) {
            CODEC.encode(writer, document, EncoderContext.builder().isEncodingCollectibleDocument(true).build());
        }
        try {
            OutputStream out = writing.get(year);
            if (out == null) {
                out = new BufferedOutputStream(Files.newOutputStream(file(year)), BUFFER);
                writing.put(year, out);
            }
            // a BSON document starts with its own length, which is how the reading finds where it ends
            encoded.pipe(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the replay's rebuilt history failed", e);
        }
    }

    /** Ends the writing; call before reading. */
    void finish() {
        try {
            for (OutputStream out : writing.values()) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the replay's rebuilt history failed", e);
        }
    }

    /** The year's entries in the order written; none for a year nothing was written to. Close the stream. */
    Stream<AuditEntry> entries(int year) {
        Path file = file(year);
        if (!writing.containsKey(year)) {
            return Stream.empty();
        }
        DataInputStream in;
        try {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the replay's rebuilt history failed", e);
        }
        Iterator<AuditEntry> documents = new Iterator<>() {
            private Document next = read(in);

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public AuditEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                AuditEntry entry = AuditDocuments.toEntry(next);
                next = read(in);
                return entry;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(documents, Spliterator.ORDERED), false)
                .onClose(() -> {
                    try {
                        in.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static Document read(DataInputStream in) {
        try {
            int first = in.read();
            if (first < 0) {
                return null;
            }
            byte[] size = {(byte) first, 0, 0, 0};
            in.readFully(size, 1, 3);
            int length = ByteBuffer.wrap(size).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] bytes = new byte[length];
            System.arraycopy(size, 0, bytes, 0, 4);
            in.readFully(bytes, 4, length - 4);
            try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes))) {
                return CODEC.decode(reader, DecoderContext.builder().build());
            }
        } catch (EOFException e) {
            throw new IllegalStateException("the replay's rebuilt history ends inside a document", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the replay's rebuilt history failed", e);
        }
    }

    /** Where the files are, while the replay runs. */
    Path folder() {
        return folder;
    }

    private Path file(int year) {
        return folder.resolve(year + ".bson");
    }

    /** Deletes the files. */
    @Override
    public void close() {
        try {
            finish();
        } catch (UncheckedIOException ignored) {
            // deleting matters more than a buffer that could not be written
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("the replay's temporary folder " + folder + " could not be deleted", e);
        }
    }
}
