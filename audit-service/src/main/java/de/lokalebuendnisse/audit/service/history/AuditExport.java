package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.audit.AuditEntry;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * The audit history of a year or an award period as a download, written while its entries are read (chunk by chunk,
 * {@link AuditListings}), so memory stays flat however long the year.
 */
public final class AuditExport {

    private AuditExport() {
    }

    /** CSV as {@link AuditCsv} writes it: BOM, header, one line per entry. */
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
     * JSON {@code {"<scope>":<value>,"entries":[…]}}, e.g. {@code {"year":2024,"entries":[…]}} or
     * {@code {"period":"2024/25","entries":[…]}}, each entry written by {@code mapper} exactly as the JSON page shows
     * it.
     */
    public static void json(String scope, Object scopeValue, Iterator<AuditEntry> entries, OutputStream out,
                            ObjectMapper mapper) throws IOException {
        // not closed: closing would close the response stream, which belongs to the servlet container
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
}
