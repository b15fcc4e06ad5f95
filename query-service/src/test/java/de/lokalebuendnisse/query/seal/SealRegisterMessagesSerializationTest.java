package de.lokalebuendnisse.query.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.FindSealByVerificationCodeQuery;
import de.lokalebuendnisse.kernel.seal.FindSealGrantQuery;
import de.lokalebuendnisse.kernel.seal.FindSealGrantsOfPeriodQuery;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.SealGrantView;
import de.lokalebuendnisse.kernel.seal.VerificationCode;
import de.lokalebuendnisse.platform.serialization.AxonSerializationConfiguration;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The seal register's queries and answers cross Axon Server serialized by Axon's Jackson serializer. */
class SealRegisterMessagesSerializationTest {

    private static final AwardPeriod PERIOD = AwardPeriod.of("2024/25");
    private static final VerificationCode CODE = VerificationCode.ofGrantEvent("3f2b8c1e-7d4a-4b9e-9c2f-5a6d7e8f9a0b");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new AxonSerializationConfiguration().defaultAxonObjectMapper())
            .build();

    @Test
    void theQueriesReadBackEqual() {
        assertRoundTrip(new FindSealByVerificationCodeQuery(CODE));
        assertRoundTrip(new FindSealGrantQuery(PERIOD, BuendnisId.of("hamm")));
        assertRoundTrip(new FindSealGrantsOfPeriodQuery(PERIOD));
    }

    @Test
    void aGrantReadsBackEqualRevokedOrNotAndTheCodeIsWrittenAsPrinted() {
        SealGrantView revoked = new SealGrantView(CODE, PERIOD, "Ausgezeichnetes Bündnis 2024/25",
                BuendnisId.of("hamm"), "Lokales Bündnis für Familie Hamm", "Hamm", "05915000", "DE-NW",
                "Nordrhein-Westfalen", LocalDate.of(2024, 11, 22), true, LocalDate.of(2024, 11, 22), "Berlin",
                GrantBasis.RENEWAL, AwardPeriod.of("2023/24"), LocalDate.of(2025, 3, 3), 42L);
        SealGrantView standing = new SealGrantView(CODE, PERIOD, "Ausgezeichnetes Bündnis 2024/25",
                BuendnisId.of("bremen"), null, null, null, null, null, LocalDate.of(2025, 1, 15), false, null, null,
                GrantBasis.SURVEY, null, null, 7L);

        assertRoundTrip(revoked);
        assertRoundTrip(standing);
        assertThat(serializer.serialize(revoked, String.class).getData()).contains("\"8T76-G7YS-ZYR8-M7HY-CTTJ\"")
                .doesNotContain("validThrough").doesNotContain("\"revoked\"");
    }

    private void assertRoundTrip(Object message) {
        SerializedObject<String> serialized = serializer.serialize(message, String.class);
        Object read = serializer.deserialize(serialized);
        assertThat(read).isEqualTo(message);
    }
}
