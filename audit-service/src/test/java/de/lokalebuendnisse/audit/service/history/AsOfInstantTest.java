package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsOfInstantTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void readsAnInstantInUtcOrWithAnOffset() {
        assertThat(AsOfInstant.parse("2024-11-21T12:00:00Z", NOW)).isEqualTo(Instant.parse("2024-11-21T12:00:00Z"));
        assertThat(AsOfInstant.parse(" 2024-11-21T13:00:00+01:00 ", NOW))
                .isEqualTo(Instant.parse("2024-11-21T12:00:00Z"));
        assertThat(AsOfInstant.parse("2025-01-01T00:00:00Z", NOW)).as("now itself").isEqualTo(NOW);
    }

    @Test
    void refusesAMissingMalformedOrZonelessInstantAndOneInTheFuture() {
        assertRefused(null, "required");
        assertRefused(" ", "required");
        assertRefused("21.11.2024", "iso-instant");
        assertRefused("2024-11-21T12:00:00", "iso-instant");
        assertRefused("2025-01-01T00:00:00.001Z", "not-in-future");
    }

    private static void assertRefused(String text, String rule) {
        assertThatThrownBy(() -> AsOfInstant.parse(text, NOW)).as(text)
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("at");
                    assertThat(e.rule()).isEqualTo(rule);
                });
    }
}
