package de.lokalebuendnisse.kernel.seal;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerificationCodeTest {

    /** Computed independently (Python: first 100 bits of hashlib.sha256, Crockford base32), so an auditor can too. */
    @Test
    void theCodeIsTheFirst100BitsOfTheDomainSeparatedHashInCrockfordBase32() {
        assertThat(VerificationCode.ofGrantEvent("3f2b8c1e-7d4a-4b9e-9c2f-5a6d7e8f9a0b").grouped())
                .isEqualTo("8T76-G7YS-ZYR8-M7HY-CTTJ");
        assertThat(VerificationCode.ofGrantEvent("00000000-0000-4000-8000-000000000000").value())
                .isEqualTo("WRXKFBJ953P64YJE2M3M");
    }

    @Test
    void theSameEventAlwaysGivesTheSameCodeAndDifferentEventsDifferentCodes() {
        String id = UUID.randomUUID().toString();
        assertThat(VerificationCode.ofGrantEvent(id)).isEqualTo(VerificationCode.ofGrantEvent(id));
        Set<VerificationCode> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            codes.add(VerificationCode.ofGrantEvent(UUID.randomUUID().toString()));
        }
        assertThat(codes).hasSize(10_000);
    }

    @Test
    void typedCodesAreReadForgivingly() {
        VerificationCode code = VerificationCode.ofGrantEvent("3f2b8c1e-7d4a-4b9e-9c2f-5a6d7e8f9a0b");
        assertThat(VerificationCode.parse("8T76-G7YS-ZYR8-M7HY-CTTJ")).contains(code);
        assertThat(VerificationCode.parse("8t76 g7ys zyr8 m7hy cttj")).contains(code);
        assertThat(VerificationCode.parse("8T76G7YSZYR8M7HYCTTJ")).contains(code);
        // I and L read as 1, O as 0
        assertThat(VerificationCode.parse("WRXK-FBJ9-53P6-4YJE-2M3M")).map(VerificationCode::value)
                .contains("WRXKFBJ953P64YJE2M3M");
        assertThat(VerificationCode.parse("OOOO-IIII-LLLL-0000-1111")).map(VerificationCode::value)
                .contains("00001111111100001111");
    }

    @Test
    void whatCannotBeACodeIsNoCodeWithoutSayingWhy() {
        assertThat(VerificationCode.parse("8T76-G7YS-ZYR8-M7HY-CTT")).isEmpty();
        assertThat(VerificationCode.parse("8T76-G7YS-ZYR8-M7HY-CTTJX")).isEmpty();
        assertThat(VerificationCode.parse("8T76-G7YS-ZYR8-M7HY-CTTU")).isEmpty();
        assertThat(VerificationCode.parse("8T76_G7YS_ZYR8_M7HY_CTTJ")).isEmpty();
        assertThat(VerificationCode.parse("")).isEmpty();
        assertThat(VerificationCode.parse(null)).isEmpty();
    }

    @Test
    void absurdlyLongInputIsRefused() {
        assertThatThrownBy(() -> VerificationCode.parse("A".repeat(65)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("64");
        assertThat(VerificationCode.parse(" ".repeat(44) + "8T76G7YSZYR8M7HYCTTJ")).isPresent();
    }

    @Test
    void aCodeHasExactlyTwentyCharactersOfTheAlphabet() {
        assertThatThrownBy(() -> new VerificationCode("8T76G7YSZYR8M7HYCTT")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new VerificationCode("8T76G7YSZYR8M7HYCTTU")).isInstanceOf(InvalidValueException.class);
    }
}
