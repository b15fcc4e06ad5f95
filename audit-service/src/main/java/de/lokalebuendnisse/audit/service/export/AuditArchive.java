package de.lokalebuendnisse.audit.service.export;

import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.audit.trail.chain.ChainHead;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.audit.trail.entry.AuditDigest;
import de.lokalebuendnisse.audit.service.history.AuditExport;
import de.lokalebuendnisse.audit.service.history.AuditListings;
import de.lokalebuendnisse.audit.trail.chain.ChainedEvents;
import de.lokalebuendnisse.audit.service.history.EventHistory;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The audit history of one year or one award period as an archive for auditors: the CSV and the JSON export of the
 * live history (as {@link AuditExport} writes them) and {@code manifest.json} naming the scope, each file's SHA-256,
 * the number of entries, the digest of the entries ({@link AuditDigest}) and the audit chain's head at the scope's
 * last event. Nothing run-specific is in it and every ZIP entry carries the same fixed time, so the same history
 * gives byte-identical archives.
 */
@Component
public class AuditArchive {

    public static final String FORM = "lbf-audit-export-v1";
    /** Every ZIP entry's time: the initiative's start, fixed so that archives compare byte for byte. */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2004, 1, 1, 0, 0);
    static final String MANIFEST = "manifest.json";

    /** What an archive covers: a calendar year (Europe/Berlin) or an award period. */
    public record Scope(String kind, int year, AwardPeriod period) {

        public static Scope year(int year) {
            return new Scope("year", year, null);
        }

        public static Scope period(AwardPeriod period) {
            return new Scope("period", 0, period);
        }

        /** {@code audit-2024} or {@code audit-2024-25}. */
        public String fileBase() {
            return "audit-" + (period == null ? Integer.toString(year) : period.id());
        }

        Object value() {
            return period == null ? Integer.valueOf(year) : period.label();
        }

        String listing() {
            return period == null ? AuditListings.ofYear(year) : AuditListings.ofPeriod(period.label());
        }
    }

    /** The archive's files, ready in a temporary folder; {@link #close()} removes them. */
    public static final class Prepared implements AutoCloseable {

        private final Path folder;
        private final List<Path> files;
        private final long entries;

        Prepared(Path folder, List<Path> files, long entries) {
            this.folder = folder;
            this.files = files;
            this.entries = entries;
        }

        public long entries() {
            return entries;
        }

        /** Writes the ZIP: CSV, JSON, manifest, in this order, each at {@link #ENTRY_TIME}. */
        public void writeZip(OutputStream out) throws IOException {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(file.getFileName().toString());
                entry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(entry);
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        }

        @Override
        public void close() {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final AuditListings listings;
    private final EventHistory history;
    private final Serializer eventSerializer;
    private final JsonMapper jsonMapper;

    public AuditArchive(AuditListings listings, EventHistory history,
                        @Qualifier("eventSerializer") Serializer eventSerializer, JsonMapper jsonMapper) {
        this.listings = listings;
        this.history = history;
        this.eventSerializer = eventSerializer;
        this.jsonMapper = jsonMapper;
    }

    /** Whether the live history lists anything under the scope. */
    public boolean hasEntries(Scope scope) {
        return listings.hasEntries(scope.listing());
    }

    /**
     * Writes the scope's files into a temporary folder: the CSV first (digesting the entries on the way), then the
     * JSON of the same entries (bounded by the CSV's last position), then the manifest.
     */
    public Prepared prepare(Scope scope) throws IOException {
        Path folder = Files.createTempDirectory("lbf-audit-export");
        try {
            Path csv = folder.resolve(scope.fileBase() + ".csv");
            Path json = folder.resolve(scope.fileBase() + ".json");
            AuditDigest digest = new AuditDigest();
            long[] positions = {-1, -1};
            String csvSha = write(csv, out -> {
                AuditExport.csv(new Entries(scope.listing(), Long.MAX_VALUE, (year, entry) -> {
                    digest.add(year, entry);
                    positions[0] = positions[0] < 0 ? entry.position() : positions[0];
                    positions[1] = entry.position();
                }), out);
            });
            long[] jsonEntries = {0};
            String jsonSha = write(json, out -> {
                AuditExport.json(scope.kind(), scope.value(),
                        new Entries(scope.listing(), positions[1], (year, entry) -> jsonEntries[0]++), out, jsonMapper);
            });
            if (jsonEntries[0] != digest.entries()) {
                // an event below the last position arrived in between (a late gap in the store): ask again
                throw new IllegalStateException("the audit history of " + scope.value()
                        + " changed while it was exported; ask again");
            }
            ChainHead chain = chainUpTo(positions[1]);
            Path manifest = folder.resolve(MANIFEST);
            write(manifest, out -> manifest(out, scope, digest, positions, chain, List.of(
                    new FileSum(csv, csvSha), new FileSum(json, jsonSha))));
            return new Prepared(folder, List.of(csv, json, manifest), digest.entries());
        } catch (IOException | RuntimeException e) {
            new Prepared(folder, List.of(), 0).close();
            throw e;
        }
    }

    /** The chain over every stored event up to the scope's last one; nothing when the scope is empty. */
    private ChainHead chainUpTo(long position) {
        if (position < 0) {
            return null;
        }
        ChainHead chain = ChainHead.START;
        try (Stream<TrackedEventMessage<?>> events = history.upTo(position)) {
            Iterator<TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                chain = chain.next(history.positionOf(event), ChainedEvents.of(event, eventSerializer));
            }
        }
        return chain;
    }

    private record FileSum(Path file, String sha256) {
    }

    private void manifest(OutputStream out, Scope scope, AuditDigest digest, long[] positions,
                          ChainHead chain, List<FileSum> files) throws IOException {
        JsonGenerator json = jsonMapper.writerWithDefaultPrettyPrinter().createGenerator(out);
        json.writeStartObject();
        json.writeStringProperty("form", FORM);
        json.writeObjectPropertyStart("scope");
        json.writeStringProperty("kind", scope.kind());
        json.writePOJOProperty(scope.kind(), scope.value());
        json.writeEndObject();
        json.writeNumberProperty("entries", digest.entries());
        json.writeName("firstPosition");
        writeOptional(json, positions[0]);
        json.writeName("lastPosition");
        writeOptional(json, positions[1]);
        json.writeObjectPropertyStart("digest");
        json.writeStringProperty("form", AuditDigest.FORM);
        json.writeStringProperty("algorithm", AuditDigest.ALGORITHM);
        json.writeStringProperty("value", digest.value());
        json.writeEndObject();
        json.writeObjectPropertyStart("chain");
        json.writeStringProperty("form", AuditChain.FORM);
        json.writeName("position");
        writeOptional(json, chain == null ? -1 : chain.lastPosition());
        json.writeNumberProperty("eventsChained", chain == null ? 0 : chain.chainedEvents());
        json.writeStringProperty("head", chain == null ? null : chain.head());
        json.writeEndObject();
        json.writeArrayPropertyStart("files");
        for (FileSum file : files) {
            json.writeStartObject();
            json.writeStringProperty("name", file.file().getFileName().toString());
            json.writeNumberProperty("bytes", Files.size(file.file()));
            json.writeStringProperty("sha256", file.sha256());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    private static void writeOptional(JsonGenerator json, long value) {
        if (value < 0) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }

    @FunctionalInterface
    private interface Content {
        void write(OutputStream out) throws IOException;
    }

    /** Writes a file and returns its SHA-256 (lower-case hex). */
    private static String write(Path file, Content content) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (DigestOutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)),
                sha256)) {
            content.write(out);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    @FunctionalInterface
    private interface EntrySeen {
        void seen(int year, AuditEntry entry);
    }

    /** The scope's live entries in position order, read chunk by chunk; each is shown to {@code seen} as it passes. */
    private final class Entries implements Iterator<AuditEntry> {

        private final Iterator<AuditListings.Listed> listed;
        private final EntrySeen seen;

        Entries(String listing, long lastPosition, EntrySeen seen) {
            this.listed = listings.listed(listing, lastPosition);
            this.seen = seen;
        }

        @Override
        public boolean hasNext() {
            return listed.hasNext();
        }

        @Override
        public AuditEntry next() {
            AuditListings.Listed next = listed.next();
            seen.seen(next.year(), next.entry());
            return next.entry();
        }
    }
}
