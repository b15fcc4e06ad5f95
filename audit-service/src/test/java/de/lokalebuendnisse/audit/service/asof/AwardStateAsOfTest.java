package de.lokalebuendnisse.audit.service.asof;

import de.lokalebuendnisse.kernel.audit.ActingIdentity;
import de.lokalebuendnisse.kernel.audit.AuditEvents;
import de.lokalebuendnisse.audit.service.explanation.PeriodExplanationsReader;
import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCounts;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.eligibility.SealHolding;
import de.lokalebuendnisse.kernel.eligibility.asof.AllianceAsOf;
import de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures;
import de.lokalebuendnisse.kernel.eligibility.asof.AwardStateAsOf;
import de.lokalebuendnisse.kernel.eligibility.asof.FindAwardStateAsOfQuery;
import de.lokalebuendnisse.kernel.eligibility.explanation.Explanation;
import de.lokalebuendnisse.kernel.eligibility.explanation.ExplanationKind;
import de.lokalebuendnisse.kernel.eligibility.explanation.FindExplanationsQuery;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.ESSEN;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.HAMM;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.MUENSTER;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.P2023;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.P2024;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The reader feeds the kernel's {@link de.lokalebuendnisse.kernel.eligibility.asof.AwardStates} the streams of an
 * event store, each cut at the instant: the season stored with chosen instants in an in-memory event store. What
 * the answer says of each alliance is the kernel's and tested there ({@code AwardStatesTest}).
 */
class AwardStateAsOfTest {

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final AwardStateAsOfReader reader = new AwardStateAsOfReader(eventStore);

    @BeforeEach
    void aSeasonIsRecorded() {
        AsOfFixtures.season(new EventStoreRecorder(eventStore));
    }

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    @Test
    void thePeriodsStreamIsCutAtTheInstantAndTheAnswerNamesTheEventsItConsidered() {
        AwardStateAsOf state = asOf("2024-11-21T12:00:00Z");

        assertThat(state.periodStream()).isEqualTo(new EventsConsidered("seal-award:2024/25", 6,
                Instant.parse("2024-10-01T08:00:00Z"), 5));
        assertThat(state.counts()).isEqualTo(new EligibilityCounts(2, 1, 0, 0, 3));
        assertThat(state.alliances()).extracting(a -> a.buendnisId().value())
                .as("ordered by id").containsExactly("bremen", "hamm", "muenster");
    }

    @Test
    void anEventRecordedAtTheInstantCounts() {
        assertThat(alliance(asOf("2024-11-22T09:59:59.999Z"), HAMM).status()).isEqualTo(EligibilityStatus.ELIGIBLE);
        assertThat(alliance(asOf("2024-11-22T10:00:00Z"), HAMM).status()).isEqualTo(EligibilityStatus.GRANTED);
    }

    @Test
    void theSealsHeldAreReadFromEveryPeriodsStream() {
        AwardStateAsOf beforeEssenLostIt = reader.read(new FindAwardStateAsOfQuery(
                Instant.parse("2024-05-10T11:59:59Z"), P2023)).orElseThrow();
        AwardStateAsOf afterCeremony = asOf("2024-12-01T00:00:00Z");

        assertThat(beforeEssenLostIt.sealsHeld()).extracting(SealHolding::period, SealHolding::buendnisId)
                .containsExactly(tuple(P2023, ESSEN), tuple(P2023, MUENSTER));
        assertThat(afterCeremony.sealsHeld()).extracting(SealHolding::period, SealHolding::buendnisId)
                .containsExactly(tuple(P2023, MUENSTER), tuple(P2024, HAMM), tuple(P2024, MUENSTER));
    }

    @Test
    void namesAreReadFromTheAlliancesOwnStreamUpToTheInstant() {
        assertThat(alliance(asOf("2024-12-14T00:00:00Z"), HAMM).name()).isEqualTo("Lokales Bündnis für Familie Hamm");
        assertThat(alliance(asOf("2024-12-16T00:00:00Z"), HAMM).name()).isEqualTo("Familienbündnis Hamm");
    }

    @Test
    void aPeriodNotYetOpenedAtTheInstantHasNoAnswer() {
        assertThat(reader.read(new FindAwardStateAsOfQuery(Instant.parse("2024-05-11T07:59:59.999Z"), P2024)))
                .isEmpty();
        assertThat(reader.read(new FindAwardStateAsOfQuery(Instant.parse("2030-01-01T00:00:00Z"),
                AwardPeriod.of("2029/30")))).isEmpty();
    }

    @Test
    void theGrantExplainedAsOfEqualsTheOneTheExplanationsReaderGives() {
        PeriodExplanationsReader explanations = new PeriodExplanationsReader(eventStore);

        AwardStateAsOf state = asOf("2025-07-04T00:00:00Z");
        List<Explanation> listed = explanations.read(new FindExplanationsQuery(P2024, null)).orElseThrow().explanations();

        assertThat(listed).extracting(e -> e.kind(), e -> e.buendnisId()).containsExactly(
                tuple(ExplanationKind.GRANT, HAMM),
                tuple(ExplanationKind.RENEWAL, MUENSTER),
                tuple(ExplanationKind.REVOCATION, HAMM));
        assertThat(alliance(state, MUENSTER).explanation()).isEqualTo(listed.get(1));
        assertThat(alliance(state, HAMM).explanation()).isEqualTo(listed.get(2));
        // who granted and revoked, read from the stored events' metadata
        assertThat(listed.get(2).by()).isEqualTo(ActingIdentity.of(AuditEvents.PRUEFERIN.metaData()));
        assertThat(listed.get(2).grantBy()).isEqualTo(ActingIdentity.of(AuditEvents.ANNA.metaData()));
        assertThat(listed.get(2).by().role()).isEqualTo("admin");
    }

    private AwardStateAsOf asOf(String at) {
        return reader.read(new FindAwardStateAsOfQuery(Instant.parse(at), P2024)).orElseThrow();
    }

    private static AllianceAsOf alliance(AwardStateAsOf state, BuendnisId id) {
        return state.alliances().stream().filter(a -> a.buendnisId().equals(id)).findFirst().orElseThrow();
    }
}
