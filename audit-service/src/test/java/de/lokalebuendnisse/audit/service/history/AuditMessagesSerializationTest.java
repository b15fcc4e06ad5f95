package de.lokalebuendnisse.audit.service.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.kernel.audit.AuditHistoryPage;
import de.lokalebuendnisse.kernel.audit.FindAuditHistoryQuery;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query and its answer cross Axon Server as JSON written by Axon's Jackson 2 mapper. */
class AuditMessagesSerializationTest {

    private final ObjectMapper axonMapper = new AxonSerializationConfiguration().defaultAxonObjectMapper();

    @Test
    void queryAndPageSurviveAxonsSerializer() throws Exception {
        FindAuditHistoryQuery query = new FindAuditHistoryQuery(2024, 3, 500);
        AuditHistoryPage page = new AuditHistoryPage(2024, 1, 0, 50, List.of(new AuditEntry("e-1", 7,
                Instant.parse("2024-11-22T09:15:00.123Z"), "SealGranted", "1", "seal-award:2024/25", 3, "hamm",
                "2024/25", 2024, "Anna Schmidt", "9a1e-sub", "servicebuero-portal", "staff", "c-1", "m-1", null,
                "Siegel „X“ erteilt: 3,33.")));

        assertThat(axonMapper.readValue(axonMapper.writeValueAsString(query), FindAuditHistoryQuery.class))
                .isEqualTo(query);
        String json = axonMapper.writeValueAsString(page);
        assertThat(json).contains("\"timestamp\":\"2024-11-22T09:15:00.123Z\"", "\"callerRole\":\"staff\"");
        assertThat(axonMapper.readValue(json, AuditHistoryPage.class)).isEqualTo(page);
    }

    @Test
    void aQueryOutsideItsBoundsIsRefusedWhereverItIsBuilt() {
        assertThatThrownBy(() -> new FindAuditHistoryQuery(2003, 0, 1)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("year");
        assertThatThrownBy(() -> new FindAuditHistoryQuery(2024, -1, 1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new FindAuditHistoryQuery(2024, 0, FindAuditHistoryQuery.MAX_SIZE + 1))
                .isInstanceOf(InvalidValueException.class);
    }
}
