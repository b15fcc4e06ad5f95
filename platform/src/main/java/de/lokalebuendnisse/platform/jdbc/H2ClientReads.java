package de.lokalebuendnisse.platform.jdbc;

import org.h2.engine.SessionRemote;
import org.h2.value.Transfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.List;

/**
 * Lets a connection to another process's H2 server read its answers without taking a lock for every byte.
 * <p>
 * Why: H2's client reads each character of a text value with {@code DataInputStream.readChar()}, two calls of the
 * synchronized {@code BufferedInputStream.read()} (Java 17). The reading services fetch every event's identifiers,
 * type and timestamp this way, about 200 characters an event: in the auditors' replay of a million events H2's
 * {@code Transfer.readString} was 26 % of the auditors' service's samples, on the thread that waits for the host's
 * answers, and 15 % of a directory rebuild's. Reading 200 million characters so took 7.1 s against 2.1 s through an
 * unsynchronized buffer (the services' C1-compiled code, {@code -XX:TieredStopAtLevel=1}).
 * <p>
 * How: when the pool opens a connection (before anyone else can use it) the connection's {@code Transfer} gets a
 * {@link DataInputStream} over {@link Unsynchronized}, which reads H2's own buffered stream in blocks, so what H2 had
 * buffered is read first and nothing is skipped or read twice. A connection H2 reopens by itself (after the hosting
 * process stopped) keeps H2's stream: slower, not wrong. It reaches H2's internals by reflection
 * ({@code SessionRemote.transferList}, {@code Transfer.in}); should a later H2 change them, one warning is logged and
 * connections read as H2 reads them; {@code H2ClientReadsTest} fails then.
 */
public final class H2ClientReads {

    private static final Logger LOG = LoggerFactory.getLogger(H2ClientReads.class);
    /** Bytes read from H2's stream at once. */
    static final int BLOCK = 64 * 1024;
    private static volatile boolean unavailable;

    private H2ClientReads() {
    }

    /**
     * Gives each of the session's connections the unsynchronized reads; call it only while no other thread uses the
     * session. Returns how many it changed.
     */
    static int unsynchronize(SessionRemote session) {
        if (unavailable) {
            return 0;
        }
        try {
            int changed = 0;
            Object transfers = H2TcpNoDelay.declared(SessionRemote.class, "transferList").get(session);
            if (transfers instanceof List<?> list) {
                Field in = H2TcpNoDelay.declared(Transfer.class, "in");
                for (Object transfer : list.toArray()) {
                    Object current = in.get(transfer);
                    if (current instanceof DataInputStream stream && !(current instanceof Reading)) {
                        in.set(transfer, new Reading(stream));
                        changed++;
                    }
                }
            }
            return changed;
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.warn("Could not change how H2's client reads (H2's internals differ from what this version knows: {});"
                    + " the services reading the embedded event store over H2's server read it slower", e.toString());
            return 0;
        }
    }

    /** Whether the session's connections read through the unsynchronized buffer (tests). */
    static boolean unsynchronized(SessionRemote session) throws ReflectiveOperationException {
        Field in = H2TcpNoDelay.declared(Transfer.class, "in");
        List<?> transfers = (List<?>) H2TcpNoDelay.declared(SessionRemote.class, "transferList").get(session);
        return !transfers.isEmpty() && transfers.stream().allMatch(transfer -> {
            try {
                return in.get(transfer) instanceof Reading;
            } catch (IllegalAccessException e) {
                return false;
            }
        });
    }

    /** The stream a connection reads through, recognisable so a connection is changed once. */
    private static final class Reading extends DataInputStream {

        Reading(InputStream h2s) {
            super(new Unsynchronized(h2s));
        }
    }

    /**
     * A buffer over {@code source} without locks, for one reading thread at a time: H2's client sends one request
     * on a connection and reads its whole answer before the next.
     */
    static final class Unsynchronized extends InputStream {

        private final InputStream source;
        private final byte[] buffer = new byte[BLOCK];
        private int position;
        private int limit;

        Unsynchronized(InputStream source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (offset < 0 || length < 0 || length > target.length - offset) {
                throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " of "
                        + target.length);
            }
            if (length == 0) {
                return 0;
            }
            if (position == limit) {
                if (length >= buffer.length) {
                    return source.read(target, offset, length);
                }
                if (!fill()) {
                    return -1;
                }
            }
            int copied = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, offset, copied);
            position += copied;
            return copied;
        }

        @Override
        public long skip(long count) throws IOException {
            if (count <= 0) {
                return 0;
            }
            if (position == limit) {
                return source.skip(count);
            }
            int skipped = (int) Math.min(count, limit - position);
            position += skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (limit - position) + source.available();
        }

        @Override
        public void close() throws IOException {
            source.close();
        }

        /** Reads what the source has (at least one byte, blocking as it does); false at its end. */
        private boolean fill() throws IOException {
            int read = source.read(buffer, 0, buffer.length);
            if (read <= 0) {
                return false;
            }
            position = 0;
            limit = read;
            return true;
        }
    }
}
