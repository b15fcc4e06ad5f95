package de.lokalebuendnisse.kernel.fold;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.SealHolding;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The period's fold changes only what each event concerns and leaves every earlier state as it was. */
class AwardPeriodStateTest {

    private static final AwardPeriod PERIOD = AwardPeriod.of("2024/25");
    private static final Instant AT = Instant.parse("2024-06-01T10:00:00Z");

    @Test
    void aFoldOfManyOutcomesGivesEachAllianceItsOwnFactsAndKeepsEveryEarlierState() {
        List<SealAwardEvent> events = new ArrayList<>();
        events.add(opening(BuendnisId.of("b-0007")));
        // 2,000 alliances, each answering twice (the second answer an amendment): 4,000 outcomes, interleaved
        for (int round = 0; round < 2; round++) {
            for (int n = 0; n < 2_000; n++) {
                events.add(outcome(BuendnisId.of(String.format("b-%04d", n)), round * 2_000L + n));
            }
        }
        List<AwardPeriodState> states = new ArrayList<>();
        AwardPeriodState state = AwardPeriodState.INITIAL;
        for (int sequence = 0; sequence < events.size(); sequence++) {
            state = state.evolve(events.get(sequence), sequence, AT.plusSeconds(sequence));
            states.add(state);
        }

        // each alliance's facts as folded from its own events alone
        SortedMap<BuendnisId, AllianceFacts> expected = new TreeMap<>();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            SealAwardEvent event = events.get(sequence);
            for (BuendnisId id : AwardPeriodState.alliancesConcerned(event)) {
                expected.put(id, expected.getOrDefault(id, AllianceFacts.NONE).evolve(event, sequence,
                        AT.plusSeconds(sequence)));
            }
        }
        assertThat(state.alliances()).isEqualTo(expected);
        assertThat(state.alliances().keySet()).containsExactlyElementsOf(expected.keySet());

        // every earlier state still holds what it held after its event: the opening's one previous holder, then
        // one more alliance per outcome of the first round, then the same count with the answers of the second
        assertThat(states.get(0).alliances()).containsOnlyKeys(BuendnisId.of("b-0007"));
        assertThat(states.get(1).alliances()).hasSize(2);
        assertThat(states.get(2_000).alliances()).hasSize(2_000);
        assertThat(states.get(2_000).alliance(BuendnisId.of("b-1999")))
                .isEqualTo(AllianceFacts.NONE.evolve(events.get(2_000), 2_000, AT.plusSeconds(2_000)));
        assertThat(states.get(2_001).alliance(BuendnisId.of("b-0000")))
                .isNotEqualTo(states.get(2_000).alliance(BuendnisId.of("b-0000")));
        assertThat(states.get(2_000).alliance(BuendnisId.of("b-0000")))
                .isEqualTo(AllianceFacts.NONE.evolve(events.get(1), 1, AT.plusSeconds(1)));
    }

    @Test
    void theFoldedMapsCannotBeChangedFromOutside() {
        AwardPeriodState state = AwardPeriodState.INITIAL.evolve(opening(BuendnisId.of("b-0007")), 0, AT);
        assertThatThrownBy(() -> state.alliances().put(BuendnisId.of("x"), AllianceFacts.NONE))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.alliances().remove(BuendnisId.of("b-0007")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.alliances().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(state.alliances()).containsOnlyKeys(BuendnisId.of("b-0007"));
    }

    @Test
    void aRevocationEndsOneHoldingAndLeavesTheHoldersBeforeItAsTheyWere() {
        SortedMap<BuendnisId, SealHolding> held = new TreeMap<>();
        for (int n = 0; n < 500; n++) {
            BuendnisId id = BuendnisId.of(String.format("b-%04d", n));
            held.put(id, new SealHolding(PERIOD, id, "Ausgezeichnetes Bündnis 2024/25", GrantBasis.SURVEY, AT, true,
                    PERIOD.validThrough()));
        }
        SealHolders before = new SealHolders(PERIOD, held);
        SealHolders after = before.evolve(new SealRevoked(PERIOD, BuendnisId.of("b-0250"), "Auflösung",
                GrantBasis.SURVEY), AT);

        assertThat(after.holders()).hasSize(499).doesNotContain(BuendnisId.of("b-0250"));
        assertThat(before.holders()).hasSize(500).contains(BuendnisId.of("b-0250"));
        assertThat(before.held()).isEqualTo(held);
        assertThat(after.evolve(new SealRevoked(PERIOD, BuendnisId.of("b-0250"), "again", GrantBasis.SURVEY), AT)
                .held()).isEqualTo(after.held());
    }

    private static AwardPeriodOpened opening(BuendnisId... previousHolders) {
        return new AwardPeriodOpened(PERIOD, CampaignYear.of(2024), "Ausgezeichnetes Bündnis 2024/25",
                new AwardCeremony(LocalDate.of(2024, 11, 22), "Berlin"), GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, AwardPeriod.of("2023/24"), List.of(previousHolders));
    }

    private static SurveyOutcomeRecorded outcome(BuendnisId id, long campaignSequence) {
        ActivityLevel level = new ActivityLevel(new BigDecimal(campaignSequence % 2 == 0 ? "3.33" : "2.50"), 10, 3);
        BigDecimal threshold = new BigDecimal("3.00");
        return new SurveyOutcomeRecorded(PERIOD, id, new SurveyOutcome(CampaignYear.of(2024), level, threshold,
                level.reaches(threshold), true, SubmissionChannel.ONLINE, campaignSequence));
    }
}
