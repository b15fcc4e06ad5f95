package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.kernel.directory.DirectoryEntry;
import de.lokalebuendnisse.kernel.directory.DirectoryPage;
import de.lokalebuendnisse.kernel.directory.DirectoryStats;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KeptAnswerJsonTest {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final KeptAnswerJson json = new KeptAnswerJson(mapper, Set.of(DirectoryPage.class, DirectoryStats.class),
            2);

    private static final class Output implements HttpOutputMessage {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final HttpHeaders headers = new HttpHeaders();

        @Override
        public OutputStream getBody() {
            return body;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }

    private String write(Object answer) throws IOException {
        Output output = new Output();
        json.write(answer, MediaType.APPLICATION_JSON, output);
        return output.body.toString(StandardCharsets.UTF_8);
    }

    private static DirectoryStats stats(Map<String, Long> perBundesland) {
        return new DirectoryStats(perBundesland.values().stream().mapToLong(Long::longValue).sum(), perBundesland,
                Map.of("ACTIVE", 1L), Map.of());
    }

    @Test
    void writesWhatTheMapperWrites() throws IOException {
        DirectoryStats answer = stats(new LinkedHashMap<>(Map.of("DE-NW", 3L)));

        assertThat(write(answer)).isEqualTo(mapper.writeValueAsString(answer));
        assertThat(write(answer)).isEqualTo(mapper.writeValueAsString(answer));
    }

    @Test
    void theSameAnswerObjectIsWrittenOnceAndANewOneAnewEvenWhenEqual() throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>(Map.of("DE-NW", 3L));
        DirectoryStats kept = stats(counts);
        String first = write(kept);

        // the kept object's JSON is given again as it was written (it is not serialized a second time) ...
        counts.put("DE-NW", 4L);
        assertThat(write(kept)).isEqualTo(first);
        // ... while another object, here even equal to it, is an answer of its own and written anew
        DirectoryStats newer = new DirectoryStats(kept.total(), counts, kept.perStatus(), kept.perSealPeriod());
        assertThat(newer).isEqualTo(kept);
        assertThat(write(newer)).contains("\"DE-NW\":4").isNotEqualTo(first);
    }

    @Test
    void onlyTheListedTypesAreTakenAndNoMoreAnswersThanTheCapacityAreKept() throws IOException {
        assertThat(json.canWrite(DirectoryEntry.class, MediaType.APPLICATION_JSON)).isFalse();
        assertThat(json.canWrite(DirectoryPage.class, MediaType.APPLICATION_JSON)).isTrue();
        assertThat(json.canWrite(DirectoryPage.class, MediaType.APPLICATION_XML)).isFalse();

        for (int i = 0; i < 5; i++) {
            write(stats(Map.of("DE-BY", (long) i)));
            assertThat(json.size()).isLessThanOrEqualTo(2);
        }
    }
}
