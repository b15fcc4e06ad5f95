package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.audit.AuditEntry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AuditExportJsonTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void writesTheYearAsOneObjectWithEveryEntry() throws IOException {
        List<AuditEntry> year = IntStream.rangeClosed(1, 501).mapToObj(p -> new AuditEntry("e-" + p, p,
                Instant.parse("2024-11-22T09:15:00Z"), "SealRevoked", "1", "seal-award:2024/25", p, "hamm",
                "2024/25", null, "Anna Schmidt", "9a1e-sub", "servicebuero-portal", "staff", "c-1", null, null,
                "Siegel entzogen; Begründung: „Fälschung“.")).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        AuditExport.json("year", 2024, year.iterator(), out, mapper);

        JsonNode json = mapper.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("year").asInt()).isEqualTo(2024);
        assertThat(json.get("entries")).hasSize(501);
        JsonNode first = json.get("entries").get(0);
        assertThat(first.get("timestamp").asString()).isEqualTo("2024-11-22T09:15:00Z");
        assertThat(first.get("reason").asString()).isEqualTo("Siegel entzogen; Begründung: „Fälschung“.");
        assertThat(first.get("campaignYear").isNull()).isTrue();
        assertThat(first.get("caller").asString()).isEqualTo("Anna Schmidt");
        assertThat(first.get("callerSubject").asString()).isEqualTo("9a1e-sub");
        assertThat(first.get("callerClient").asString()).isEqualTo("servicebuero-portal");
        assertThat(first.get("callerRole").asString()).isEqualTo("staff");
        assertThat(mapper.treeToValue(json.get("entries").get(500), AuditEntry.class)).isEqualTo(year.get(500));
    }
}
