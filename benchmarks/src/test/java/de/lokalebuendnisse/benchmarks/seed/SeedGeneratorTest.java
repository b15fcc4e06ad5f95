package de.lokalebuendnisse.benchmarks.seed;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed is deterministic and shaped as the brief says; that its commands are accepted is the smoke round's. */
class SeedGeneratorTest {

    private static final SeedPlan REAL_SIZE = SeedGenerator.generate(20231122, 1);

    @Test
    void theSameSeedGivesTheSameCommandsAndAnotherSeedOthers() {
        assertThat(SeedGenerator.generate(20231122, 1)).isEqualTo(REAL_SIZE);
        assertThat(SeedGenerator.generate(7, 1).steps()).isNotEqualTo(REAL_SIZE.steps());
    }

    @Test
    void sixHundredFiftyAlliancesOverEveryLandByPopulation() {
        assertThat(REAL_SIZE.alliances()).isEqualTo(650);
        assertThat(REAL_SIZE.alliancesPerLand()).hasSize(16);
        assertThat(REAL_SIZE.alliancesPerLand().get("DE-NW")).isGreaterThan(120);
        assertThat(REAL_SIZE.alliancesPerLand().get("DE-BY")).isGreaterThan(REAL_SIZE.alliancesPerLand().get("DE-HE"));
        assertThat(REAL_SIZE.alliancesPerLand().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(650);
    }

    @Test
    void tenToAHundredPartnersEach() {
        Map<String, Long> partners = commands("partners").stream()
                .collect(Collectors.groupingBy(c -> c.path().split("/")[3], Collectors.counting()));
        assertThat(partners).hasSize(650);
        assertThat(partners.values()).allSatisfy(n -> assertThat(n).isBetween(10L, 100L));
    }

    @Test
    void threeSeasonsShapedLikeTwentyTwentyThreeToTwentyTwentyFive() {
        assertThat(REAL_SIZE.counts()).containsEntry("answers 2023", 230).containsEntry("answers 2024", 80)
                .containsEntry("seals 2023/24", 56).containsEntry("seals 2024/25", 31);
        assertThat(REAL_SIZE.counts().get("renewals 2024/25")).isPositive();
        assertThat(commands("survey 2025 (interview)")).allSatisfy(c ->
                assertThat(c.body()).contains("\"channel\":\"INTERVIEW\""));
        assertThat(commands("Werkstätten 2024")).hasSize(2);
        assertThat(REAL_SIZE.counts().get("revocations")).isPositive();
        assertThat(REAL_SIZE.counts().get("pauses")).isPositive();
        assertThat(REAL_SIZE.counts().get("dissolutions")).isPositive();
    }

    @Test
    void noAllianceAnswersTwiceInACampaignNorWhileHoldingAValidSeal() {
        List<String> answered2024 = alliances(commands("survey 2024 (online)"));
        assertThat(answered2024).doesNotHaveDuplicates();
        List<String> granted2023 = alliances(commands("grants 2023/24"));
        assertThat(answered2024).doesNotContainAnyElementsOf(granted2023);
    }

    private static List<SeedCommand> commands(String batch) {
        return REAL_SIZE.steps().stream().filter(s -> s instanceof SeedStep.Batch b && b.name().equals(batch))
                .flatMap(s -> ((SeedStep.Batch) s).commands().stream()).toList();
    }

    private static List<String> alliances(List<SeedCommand> commands) {
        Pattern id = Pattern.compile("\"buendnisId\":\"([^\"]+)\"");
        return commands.stream().map(c -> {
            Matcher m = id.matcher(c.body());
            assertThat(m.find()).isTrue();
            return m.group(1);
        }).toList();
    }
}
