package de.lokalebuendnisse.kernel.person;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.DissolveBuendnis;
import de.lokalebuendnisse.kernel.buendnis.ErasePersonalData;
import de.lokalebuendnisse.kernel.buendnis.PauseBuendnis;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.seal.RevokeSeal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recorded reasons must not visibly carry a person; ordinary reasons of the domain pass. */
class PersonalDataTextTest {

    private static final BuendnisId HAMM = BuendnisId.of("hamm");

    @ParameterizedTest
    @ValueSource(strings = {
            "Rückfragen an koordination@familie-hamm.de",
            "erreichbar unter 02381 17-4711",
            "Telefon +49 (30) 123456",
            "0221/1234567",
            "auf Wunsch von Frau Schulze",
            "Herr Özdemir hat die Koordination abgegeben",
            "laut Herrn Meyer",
            "siehe Dr. Brandt",
            "Prof. Dr. Lindner übernimmt"})
    void aTextThatVisiblyCarriesAPersonIsRefused(String reason) {
        assertThatThrownBy(() -> PersonalDataText.refusePersonalData(reason, "reason"))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> {
                    assertThat(((InvalidValueException) e).rule()).isEqualTo("no-personal-data");
                    assertThat(((InvalidValueException) e).field()).isEqualTo("reason");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Neuaufstellung der Koordinierungsstelle",
            "Das Bündnis hat sich zum 30. Juni 2025 aufgelöst.",
            "aufgelöst am 30.06.2025",
            "keine Teilnahme im Zeitraum 2024/25",
            "Frauen- und Familiennetzwerk übernimmt",
            "Postleitzahl 59065, 12 Partner",
            "Aufgegangen im Netzwerk Familie der Stadt Hamm"})
    void ordinaryReasonsPass(String reason) {
        assertThat(PersonalDataText.refusePersonalData(reason, "reason")).isEqualTo(reason);
        assertThat(PersonalDataText.findings(reason)).isNull();
    }

    @Test
    void everyCommandWithARecordedReasonAppliesTheRule() {
        String carriesAPerson = "Ansprechperson Frau Schulze";
        assertRefused(() -> new PauseBuendnis(HAMM, carriesAPerson));
        assertRefused(() -> new DissolveBuendnis(HAMM, LocalDate.of(2025, 6, 30), carriesAPerson));
        assertRefused(() -> new RevokeSeal(AwardPeriod.of("2024/25"), HAMM, carriesAPerson));
        assertRefused(() -> new ErasePersonalData(HAMM, PersonId.of("anna"), ErasureBasis.ART_17_1_A,
                carriesAPerson));
        assertThat(new PauseBuendnis(HAMM, "Neuaufstellung").reason()).isEqualTo("Neuaufstellung");
    }

    private static void assertRefused(Runnable construction) {
        assertThatThrownBy(construction::run).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("personal data");
    }
}
