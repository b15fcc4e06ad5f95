package de.lokalebuendnisse.audit.service.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandOptionsTest {

    private static CommandOptions parse(String... options) throws CommandOptions.UsageException {
        return CommandOptions.parse(List.of(options), Set.of("at", "period"), Set.of("json"));
    }

    @Test
    void readsValuesAndFlagsInAnyOrder() throws Exception {
        CommandOptions options = parse("--json", "--period=2024-25", "--at=2024-11-21T12:00:00Z");

        assertThat(options.value("period")).isEqualTo("2024-25");
        assertThat(options.value("at")).isEqualTo("2024-11-21T12:00:00Z");
        assertThat(options.flag("json")).isTrue();
        assertThat(parse().value("at")).isNull();
        assertThat(parse().flag("json")).isFalse();
    }

    @Test
    void refusesWhatItDoesNotKnowOrWhatIsGivenWrongly() {
        assertRefused("unknown option --format; known are --at=…, --json, --period=…", "--format=csv");
        assertRefused("unexpected argument '2024-25'; known are --at=…, --json, --period=…", "2024-25");
        assertRefused("--period is given twice", "--period=2024-25", "--period=2023-24");
        assertRefused("--json is given twice", "--json", "--json");
        assertRefused("--period needs a value: --period=…", "--period");
        assertRefused("--json takes no value", "--json=yes");
    }

    private static void assertRefused(String message, String... options) {
        assertThatThrownBy(() -> parse(options)).isInstanceOf(CommandOptions.UsageException.class)
                .hasMessage(message);
    }
}
