package de.lokalebuendnisse.query.eligibility;

import de.lokalebuendnisse.platform.testing.HeavyTests;
import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.command.seal.SealAward;
import de.lokalebuendnisse.command.testing.FakeRecordedFacts;
import de.lokalebuendnisse.kernel.audit.EventsConsidered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.eligibility.EligibilityEntry;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.eligibility.MissingCriterion;
import de.lokalebuendnisse.kernel.eligibility.asof.AllianceAsOf;
import de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures;
import de.lokalebuendnisse.kernel.eligibility.asof.AwardStateAsOf;
import de.lokalebuendnisse.kernel.eligibility.asof.AwardStates;
import de.lokalebuendnisse.kernel.eligibility.asof.FindAwardStateAsOfQuery;
import de.lokalebuendnisse.kernel.fold.RecordedEvent;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.CloseAwardPeriod;
import de.lokalebuendnisse.kernel.seal.GrantCriterion;
import de.lokalebuendnisse.kernel.seal.GrantSeal;
import de.lokalebuendnisse.kernel.seal.HoldAwardCeremony;
import de.lokalebuendnisse.kernel.seal.OpenAwardPeriod;
import de.lokalebuendnisse.kernel.seal.RecordBuendnisStanding;
import de.lokalebuendnisse.kernel.seal.RecordPreviousSealStanding;
import de.lokalebuendnisse.kernel.seal.RecordSurveyOutcome;
import de.lokalebuendnisse.kernel.seal.RecordWerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.RevokeSeal;
import de.lokalebuendnisse.kernel.seal.ScheduleWerkstatt;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.WerkstattFormat;
import de.lokalebuendnisse.kernel.seal.WerkstattId;
import de.lokalebuendnisse.platform.testing.ProjectionHarness;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.test.AxonAssertionError;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.DIALOG;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.P2023;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.P2024;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.SEAL_NAME;
import static de.lokalebuendnisse.kernel.eligibility.asof.AsOfFixtures.Y2024;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The award period's three readers agree, criterion by criterion, on random periods: the SealAward aggregate's
 * grant or refusal (through Axon's {@link AggregateTestFixture}), the eligibility view's entry (the projection on an
 * in-memory MongoDB) and the answer as of an instant after the last event (the kernel's {@link AwardStates}, which
 * the audit service's reader feeds from the event store).
 * <p>
 * Each period is generated as the commands the system would receive (openings with random previous holders and
 * renewal rule, survey outcomes, standings, previous-seal changes, Werkstätten, attendances, single grants, the
 * ceremony, revocations, the closing), each run by the aggregate on the events so far: what it records is the
 * stream, so every stream is one the aggregate could have written (grants and revocations only where valid).
 * <p>
 * A property test with a seeded generator, one dynamic test per period: {@value #PERIODS} periods by default,
 * ten times as many with {@code -Dlbf.heavy-tests=true}; a failure names its seed and the whole stream, and
 * {@code -Dlbf.fold-agreement.seed=<seed>} runs that one period again. (Written with JUnit rather than jqwik: jqwik
 * 1.10 prints a notice that AI agents must not use it, and this test was written by one.)
 */
class PeriodFoldAgreementTest {

    private static final List<BuendnisId> ALLIANCES = List.of(BuendnisId.of("aachen"), BuendnisId.of("bonn"),
            BuendnisId.of("celle"), BuendnisId.of("dessau"));
    private static final List<WerkstattId> WERKSTAETTEN = List.of(WerkstattId.of("werkstatt-west"),
            WerkstattId.of("werkstatt-ost"));
    private static final Instant FIRST_EVENT = Instant.parse("2024-05-11T08:00:00Z");

    /** One command of a generated period. */
    sealed interface Step permits Outcome, Standing, PreviousSeal, Schedule, Attend, Grant, Ceremony, Revoke, Close {
    }

    record Outcome(int alliance, int scoreSum, boolean interest) implements Step {
    }

    record Standing(int alliance, BuendnisStatus status, long sourceSequence) implements Step {
    }

    record PreviousSeal(int alliance, boolean held) implements Step {
    }

    record Schedule(int werkstatt) implements Step {
    }

    record Attend(int alliance, int werkstatt, boolean byRepresentative) implements Step {
    }

    record Grant(int alliance) implements Step {
    }

    record Ceremony() implements Step {
    }

    record Revoke(int alliance) implements Step {
    }

    record Close() implements Step {
    }

    record Opening(RenewalRule renewalRule, Set<Integer> previousHolders) {
    }

    private static final int PERIODS = 200;
    private static final long FIRST_SEED = 20241122L;

    private static ProjectionHarness harness;
    private static EligibilityDocuments documents;

    @BeforeAll
    static void oneDatabaseForEveryPeriod() {
        harness = new ProjectionHarness();
        documents = new EligibilityDocuments(harness.database());
        harness.project(new EligibilityProjection(documents, SimpleQueryUpdateEmitter.builder().build()));
    }

    /** How often each status was judged alike, so a generator that stopped reaching one would show. */
    private static final Map<EligibilityStatus, Integer> SEEN = new EnumMap<>(EligibilityStatus.class);

    @AfterAll
    static void everyStatusWasReachedAndTheDatabaseGoes() {
        harness.close();
        if (Long.getLong("lbf.fold-agreement.seed") == null) {
            assertThat(SEEN.keySet()).as("statuses judged: " + SEEN).containsExactlyInAnyOrder(
                    EligibilityStatus.values());
        }
    }

    @TestFactory
    Stream<DynamicTest> theAggregateTheViewAndTheAsOfAnswerJudgeEveryAllianceAlike() {
        Long only = Long.getLong("lbf.fold-agreement.seed");
        int periods = HeavyTests.ENABLED ? PERIODS * 10 : PERIODS;
        LongStream seeds = only != null ? LongStream.of(only) : LongStream.range(FIRST_SEED, FIRST_SEED + periods);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("period of seed " + seed, () -> period(seed)));
    }

    private static void period(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Opening opening = opening(random);
        // one fixture per period: each given(...) starts from the events given, nothing else
        FixtureConfiguration<SealAward> fixture = new AggregateTestFixture<>(SealAward.class);
        fixture.registerInjectableResource(facts(opening));
        List<Object> stream = record(fixture, opening, steps(random));

        harness.reset(); // the view of the previous period goes
        for (Object event : stream) {
            harness.publish(P2024.toString(), event);
        }
        AwardStateAsOf asOf = asOf(stream);
        for (BuendnisId alliance : ALLIANCES) {
            Decision aggregate = decide(fixture, stream, alliance);
            Optional<EligibilityEntry> view = documents.entry(P2024, alliance);
            Optional<AllianceAsOf> past = asOf.alliances().stream()
                    .filter(a -> a.buendnisId().equals(alliance)).findFirst();
            agree(alliance, "seed " + seed + ", " + stream, aggregate, view, past);
        }
    }

    private static void agree(BuendnisId alliance, String stream, Decision aggregate,
                              Optional<EligibilityEntry> view, Optional<AllianceAsOf> past) {
        String context = alliance.value() + " after " + stream;
        assertThat(past.isPresent()).as("as-of knows the same candidates as the view: " + context)
                .isEqualTo(view.isPresent());
        if (view.isEmpty()) {
            assertThat(aggregate.refusal()).as("not a candidate, so no grant: " + context).isNotNull();
            assertThat(rules(aggregate.refusal())).as(context).contains(GrantCriterion.WERKSTATT_ATTENDED.name());
            return;
        }
        EligibilityEntry entry = view.get();
        AllianceAsOf then = past.get();
        SEEN.merge(entry.status(), 1, Integer::sum);
        assertThat(then.status()).as("status " + context).isEqualTo(entry.status());
        assertThat(then.basis()).as("basis " + context).isEqualTo(entry.basis());
        assertThat(then.missing()).as("missing " + context).isEqualTo(entry.missing());
        assertThat(then.criteria()).as("criteria " + context).isEqualTo(entry.criteria());
        switch (entry.status()) {
            case ELIGIBLE -> {
                assertThat(aggregate.granted()).as("the aggregate grants " + context).isNotNull();
                assertThat(aggregate.granted().evidence().basis()).as(context).isEqualTo(entry.basis());
            }
            case GRANTED -> assertThat(aggregate.heldAlready()).as("a grant is a retry " + context).isTrue();
            case REVOKED -> assertThat(rules(aggregate.refusal())).as(context)
                    .contains(GrantCriterion.NOT_REVOKED_IN_PERIOD.name());
            case MISSING -> {
                assertThat(aggregate.refusal()).as("the aggregate refuses " + context).isNotNull();
                List<MissingCriterion> refused = aggregate.refusal().reasons().stream()
                        .map(r -> new MissingCriterion(GrantCriterion.valueOf(r.rule()), r.detail())).toList();
                assertThat(refused).as("criterion by criterion, with the same reasons " + context)
                        .isEqualTo(entry.missing());
            }
        }
        if (entry.status() != EligibilityStatus.MISSING) {
            assertThat(entry.missing()).isEmpty();
        }
    }

    private static List<String> rules(Refusal refusal) {
        return refusal.reasons().stream().map(Refusal.Reason::rule).toList();
    }

    // ---- the three readers

    /** The aggregate's answer to a grant of the alliance after the stream. */
    private static Decision decide(FixtureConfiguration<SealAward> fixture, List<Object> stream, BuendnisId alliance) {
        Attempt attempt = attempt(fixture, stream, new GrantSeal(P2024, alliance));
        if (attempt.refusal() != null) {
            return new Decision(null, false, attempt.refusal());
        }
        return attempt.events().isEmpty() ? new Decision(null, true, null)
                : new Decision((SealGranted) attempt.events().get(0), false, null);
    }

    /** The kernel's answer as of an instant after the last event, the stream recorded a minute apart. */
    private static AwardStateAsOf asOf(List<Object> stream) {
        List<RecordedEvent> recorded = new ArrayList<>();
        Instant at = FIRST_EVENT;
        for (Object event : stream) {
            recorded.add(new RecordedEvent(event, recorded.size(), at));
            at = at.plusSeconds(60);
        }
        RecordedEvent last = recorded.get(recorded.size() - 1);
        EventsConsidered considered = new EventsConsidered(P2024.toString(), last.sequenceNumber(), last.timestamp(),
                0);
        return AwardStates.asOf(new FindAwardStateAsOfQuery(at, P2024), recorded, considered,
                alliance -> List.of(), otherPeriod -> List.of()).orElseThrow();
    }

    record Decision(SealGranted granted, boolean heldAlready, Refusal refusal) {
    }

    // ---- the stream, as the aggregate records the generated commands

    private static List<Object> record(FixtureConfiguration<SealAward> fixture, Opening opening, List<Step> steps) {
        List<Object> stream = new ArrayList<>(attempt(fixture, List.of(), new OpenAwardPeriod(P2024, Y2024, SEAL_NAME,
                DIALOG, opening.renewalRule())).events());
        long campaignSequence = 0;
        for (Step step : steps) {
            Object command = command(step, campaignSequence++);
            stream.addAll(attempt(fixture, stream, command).events());
        }
        return stream;
    }

    private static Object command(Step step, long campaignSequence) {
        if (step instanceof Outcome o) {
            return new RecordSurveyOutcome(P2024, ALLIANCES.get(o.alliance()),
                    AsOfFixtures.outcome(o.scoreSum(), o.interest(), campaignSequence));
        }
        if (step instanceof Standing s) {
            return new RecordBuendnisStanding(P2024, ALLIANCES.get(s.alliance()), s.status(), s.sourceSequence());
        }
        if (step instanceof PreviousSeal p) {
            return new RecordPreviousSealStanding(P2024, ALLIANCES.get(p.alliance()), p.held());
        }
        if (step instanceof Schedule s) {
            return new ScheduleWerkstatt(P2024, WERKSTAETTEN.get(s.werkstatt()), "Region " + s.werkstatt(),
                    "Ort " + s.werkstatt(), LocalDate.of(2024, 9, 10 + s.werkstatt()), WerkstattFormat.IN_PERSON);
        }
        if (step instanceof Attend a) {
            return new RecordWerkstattAttendance(P2024, WERKSTAETTEN.get(a.werkstatt()), ALLIANCES.get(a.alliance()),
                    a.byRepresentative() ? AttendanceMode.REPRESENTATIVE : AttendanceMode.SELF,
                    a.byRepresentative() ? "Stadtverwaltung" : null);
        }
        if (step instanceof Grant g) {
            return new GrantSeal(P2024, ALLIANCES.get(g.alliance()));
        }
        if (step instanceof Revoke r) {
            return new RevokeSeal(P2024, ALLIANCES.get(r.alliance()), "Angaben erwiesen sich als falsch");
        }
        if (step instanceof Ceremony) {
            return new HoldAwardCeremony(P2024);
        }
        return new CloseAwardPeriod(P2024);
    }

    private static FakeRecordedFacts facts(Opening opening) {
        FakeRecordedFacts facts = new FakeRecordedFacts();
        ALLIANCES.forEach(id -> facts.statuses.put(id, BuendnisStatus.ACTIVE));
        facts.holders(P2023, opening.previousHolders().stream().map(ALLIANCES::get).toArray(BuendnisId[]::new));
        return facts;
    }

    record Attempt(List<Object> events, Refusal refusal) {
    }

    /** Runs one command on the aggregate after the stream: the events it records, or its refusal. */
    private static Attempt attempt(FixtureConfiguration<SealAward> fixture, List<Object> stream, Object command) {
        ResultValidator<SealAward> result = stream.isEmpty() ? fixture.givenNoPriorActivity().when(command)
                : fixture.given(stream).when(command);
        List<Object> recorded = new ArrayList<>();
        try {
            result.expectSuccessfulHandlerExecution();
        } catch (AxonAssertionError refused) {
            Refusal[] details = new Refusal[1];
            result.expectException(CommandRefusedException.class);
            result.expectExceptionDetails(capture(d -> details[0] = (Refusal) d));
            return new Attempt(List.of(), details[0]);
        }
        result.expectEventsMatching(capture(events -> {
            for (Object event : (List<?>) events) {
                recorded.add(((EventMessage<?>) event).getPayload());
            }
        }));
        return new Attempt(recorded, null);
    }

    private static <T> Matcher<T> capture(java.util.function.Consumer<Object> sink) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                sink.accept(actual);
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("anything (captured)");
            }
        };
    }

    // ---- generators

    private static Opening opening(SplittableRandom random) {
        Set<Integer> holders = new TreeSet<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            holders.add(random.nextInt(ALLIANCES.size()));
        }
        RenewalRule[] rules = RenewalRule.values();
        return new Opening(rules[random.nextInt(rules.length)], holders);
    }

    /**
     * Up to 24 commands in two overlapping phases, as a season runs: mostly intake first (a Werkstatt is usually
     * scheduled at once, then outcomes, attendances, standings, previous seals), then mostly decisions (grants, the
     * ceremony, revocations, late standings), and sometimes the closing, after which the commands still come.
     */
    private static List<Step> steps(SplittableRandom random) {
        List<Step> steps = new ArrayList<>();
        if (random.nextInt(8) > 0) {
            steps.add(new Schedule(0));
        }
        int intake = 2 + random.nextInt(12);
        for (int i = 0; i < intake; i++) {
            steps.add(intakeStep(random));
        }
        int decisions = random.nextInt(10);
        for (int i = 0; i < decisions; i++) {
            steps.add(random.nextInt(4) == 0 ? intakeStep(random) : decisionStep(random));
        }
        return steps;
    }

    private static Step intakeStep(SplittableRandom random) {
        int alliance = random.nextInt(ALLIANCES.size());
        int pick = random.nextInt(14);
        if (pick < 5) {
            return new Outcome(alliance, 7 + random.nextInt(6), random.nextInt(4) > 0);
        }
        if (pick < 6) {
            return new Standing(alliance, status(random), random.nextInt(7));
        }
        if (pick < 7) {
            return new PreviousSeal(alliance, random.nextBoolean());
        }
        if (pick < 8) {
            return new Schedule(random.nextInt(WERKSTAETTEN.size()));
        }
        return new Attend(alliance, random.nextInt(WERKSTAETTEN.size()), random.nextBoolean());
    }

    private static Step decisionStep(SplittableRandom random) {
        int alliance = random.nextInt(ALLIANCES.size());
        int pick = random.nextInt(12);
        if (pick < 5) {
            return new Grant(alliance);
        }
        if (pick < 7) {
            return new Ceremony();
        }
        if (pick < 10) {
            return new Revoke(alliance);
        }
        if (pick < 11) {
            return new Standing(alliance, status(random), random.nextInt(7));
        }
        return new Close();
    }

    private static BuendnisStatus status(SplittableRandom random) {
        BuendnisStatus[] statuses = BuendnisStatus.values();
        return statuses[random.nextInt(statuses.length)];
    }
}
