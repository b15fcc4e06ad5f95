package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.kernel.audit.AuditHistoryPage;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * The whole audit history of a year as a download, written page by page while the pages are read, so memory stays
 * flat however long the year.
 */
public final class AuditExport {

    /** Entries read per query while exporting. */
    public static final int PAGE_SIZE = 500;

    /** Reads one page of {@link #PAGE_SIZE} entries of the year being exported; zero-based. */
    @FunctionalInterface
    public interface Pages {
        AuditHistoryPage fetch(int page);
    }

    @FunctionalInterface
    private interface EntryWriter {
        void write(AuditEntry entry) throws IOException;
    }

    private AuditExport() {
    }

    /** CSV as {@link AuditCsv} writes it: BOM, header, one line per entry. */
    public static void csv(Pages pages, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(AuditCsv.BOM);
        writer.write(AuditCsv.header());
        forEachEntry(pages, entry -> writer.write(AuditCsv.row(entry)), writer::flush);
        writer.flush();
    }

    /**
     * JSON {@code {"year":2024,"entries":[…]}}, each entry written by {@code mapper} exactly as the JSON page shows
     * it.
     */
    public static void json(int year, Pages pages, OutputStream out, ObjectMapper mapper) throws IOException {
        // not closed: closing would close the response stream, which belongs to the servlet container
        JsonGenerator json = mapper.createGenerator(out);
        json.writeStartObject();
        json.writeNumberProperty("year", year);
        json.writeName("entries");
        json.writeStartArray();
        forEachEntry(pages, json::writePOJO, json::flush);
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }

    /** CSV as {@link #csv(Pages, OutputStream)}, of entries handed over one by one (an export archive's scope). */
    public static void csv(Iterator<AuditEntry> entries, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(AuditCsv.BOM);
        writer.write(AuditCsv.header());
        while (entries.hasNext()) {
            writer.write(AuditCsv.row(entries.next()));
        }
        writer.flush();
    }

    /**
     * JSON as {@link #json(int, Pages, OutputStream, ObjectMapper)}, for any scope: {@code {"<scope>":<value>,
     * "entries":[…]}}, e.g. {@code {"period":"2024/25","entries":[…]}}.
     */
    public static void json(String scope, Object scopeValue, Iterator<AuditEntry> entries, OutputStream out,
                            ObjectMapper mapper) throws IOException {
        JsonGenerator json = mapper.createGenerator(out);
        json.writeStartObject();
        json.writePOJOProperty(scope, scopeValue);
        json.writeName("entries");
        json.writeStartArray();
        while (entries.hasNext()) {
            json.writePOJO(entries.next());
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }

    /**
     * Every entry once, in position order. An event that arrives during the export at a lower position than one
     * already written (the event store can fill a gap late) shifts the later pages by one; the entry that then
     * appears again is skipped, and the late event belongs to the next export, as any event after it started.
     */
    private static void forEachEntry(Pages pages, EntryWriter writer, Flush flush) throws IOException {
        long lastWritten = -1;
        for (int page = 0; ; page++) {
            AuditHistoryPage current = pages.fetch(page);
            for (AuditEntry entry : current.entries()) {
                if (entry.position() > lastWritten) {
                    writer.write(entry);
                    lastWritten = entry.position();
                }
            }
            flush.flush(); // hands each page to the client instead of holding the year
            if (current.entries().size() < current.size()) {
                return;
            }
        }
    }

    @FunctionalInterface
    private interface Flush {
        void flush() throws IOException;
    }
}
