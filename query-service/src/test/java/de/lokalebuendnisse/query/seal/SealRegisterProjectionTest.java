package de.lokalebuendnisse.query.seal;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.FindSealByVerificationCodeQuery;
import de.lokalebuendnisse.kernel.seal.FindSealGrantQuery;
import de.lokalebuendnisse.kernel.seal.FindSealGrantsOfPeriodQuery;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealGrantView;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.VerificationCode;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.testing.ProjectionHarness;
import de.lokalebuendnisse.query.testing.ProcessorBatch;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SealRegisterProjectionTest {

    private static final AwardPeriod PERIOD = AwardPeriod.of("2024/25");
    private static final AwardCeremony CEREMONY = new AwardCeremony(LocalDate.of(2024, 11, 22), "Berlin");

    private ProjectionHarness harness;
    private SealRegisterProjection projection;
    private SealRegisterQueryHandler queries;
    private final List<EventMessage<?>> published = new ArrayList<>();

    @BeforeEach
    void harness() {
        harness = new ProjectionHarness();
        projection = harness.project(new SealRegisterProjection(harness.database(), OwnPositions.ofAxonServer()));
        queries = new SealRegisterQueryHandler(harness.database());
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aGrantAtTheCeremonyIsRegisteredUnderTheCodeOfItsEvent() {
        register("nuernberg", "Bündnis für Familie Nürnberg", "09564000", Bundesland.BY, "Nürnberg");
        EventMessage<?> grant = grant("nuernberg", GrantBasis.SURVEY, true);

        SealGrantView view = queries.find(new FindSealByVerificationCodeQuery(
                VerificationCode.ofGrantEvent(grant.getIdentifier())));
        assertThat(view).isNotNull();
        assertThat(view.verificationCode()).isEqualTo(VerificationCode.ofGrantEvent(grant.getIdentifier()));
        assertThat(view.period()).isEqualTo(PERIOD);
        assertThat(view.sealName()).isEqualTo("Ausgezeichnetes Bündnis 2024/25");
        assertThat(view.buendnisId()).isEqualTo(BuendnisId.of("nuernberg"));
        assertThat(view.allianceName()).isEqualTo("Bündnis für Familie Nürnberg");
        assertThat(view.place()).isEqualTo("Nürnberg");
        assertThat(view.municipalityKey()).isEqualTo("09564000");
        assertThat(view.bundesland()).isEqualTo("DE-BY");
        assertThat(view.bundeslandName()).isEqualTo("Bayern");
        assertThat(view.grantedOn()).isEqualTo(LocalDate.of(2024, 11, 22));
        assertThat(view.atCeremony()).isTrue();
        assertThat(view.ceremonyDate()).isEqualTo(LocalDate.of(2024, 11, 22));
        assertThat(view.ceremonyPlace()).isEqualTo("Berlin");
        assertThat(view.basis()).isEqualTo(GrantBasis.SURVEY);
        assertThat(view.previousPeriod()).isNull();
        assertThat(view.revoked()).isFalse();
        assertThat(view.eventPosition()).isEqualTo(OwnPositions.ofAxonServer().of((TrackedEventMessage<?>) grant));
        assertThat(queries.find(new FindSealGrantQuery(PERIOD, BuendnisId.of("nuernberg")))).isEqualTo(view);
    }

    @Test
    void aGrantOutsideTheCeremonyIsDatedByItsEventInBerlinAndARenewalNamesThePeriodRenewed() {
        register("hamm", "Bündnis Hamm", "05915000", Bundesland.NW, "Hamm");
        // 23:30 UTC on 14 January is already the 15th in Berlin
        harness.at(Instant.parse("2025-01-14T23:30:00Z"));
        grant("hamm", GrantBasis.RENEWAL, false);

        SealGrantView view = queries.find(new FindSealGrantQuery(PERIOD, BuendnisId.of("hamm")));
        assertThat(view.grantedOn()).isEqualTo(LocalDate.of(2025, 1, 15));
        assertThat(view.atCeremony()).isFalse();
        assertThat(view.basis()).isEqualTo(GrantBasis.RENEWAL);
        assertThat(view.previousPeriod()).isEqualTo(AwardPeriod.of("2023/24"));
    }

    @Test
    void aRevocationDatesTheGrantAndKeepsNoReason() {
        register("koeln", "Bündnis Köln", "05315000", Bundesland.NW, "Köln");
        EventMessage<?> grant = grant("koeln", GrantBasis.SURVEY, true);
        harness.at(Instant.parse("2025-03-03T10:00:00Z"));
        harness.publish(PERIOD.toString(), new SealRevoked(PERIOD, BuendnisId.of("koeln"),
                "Kriterien nachträglich nicht erfüllt (Prüfvermerk 17)", GrantBasis.SURVEY));

        SealGrantView view = queries.find(new FindSealByVerificationCodeQuery(
                VerificationCode.ofGrantEvent(grant.getIdentifier())));
        assertThat(view.revoked()).isTrue();
        assertThat(view.revokedOn()).isEqualTo(LocalDate.of(2025, 3, 3));
        assertThat(view.toString()).doesNotContain("Prüfvermerk");
        for (Document stored : harness.database().getCollection(SealRegisterProjection.COLLECTION).find()) {
            assertThat(stored.toJson()).doesNotContain("Prüfvermerk");
        }
    }

    @Test
    void theNameIsTheOneTheAllianceHadWhenTheSealWasGranted() {
        BuendnisProfile first = register("bonn", "Bündnis Bonn", "05314000", Bundesland.NW, "Bonn");
        grant("bonn", GrantBasis.SURVEY, true);
        BuendnisProfile renamed = profile("Lokales Bündnis für Familie Bonn", "05314000", Bundesland.NW, "Bonn");
        published.add(harness.publish("buendnis:bonn", new BuendnisProfileUpdated(BuendnisId.of("bonn"), renamed,
                first, List.of("name"))));

        assertThat(queries.find(new FindSealGrantQuery(PERIOD, BuendnisId.of("bonn"))).allianceName())
                .isEqualTo("Bündnis Bonn");

        // a grant of the next period carries the new name
        AwardPeriod next = AwardPeriod.of("2025/26");
        harness.publish(next.toString(), grantOf(next, "bonn", GrantBasis.SURVEY, true));
        assertThat(queries.find(new FindSealGrantQuery(next, BuendnisId.of("bonn"))).allianceName())
                .isEqualTo("Lokales Bündnis für Familie Bonn");
    }

    @Test
    void aProfileThatArrivesAfterTheGrantItPrecedesIsStillTheOneShown() {
        BuendnisProfile profile = profile("Bündnis Erfurt", "16051000", Bundesland.TH, "Erfurt");
        EventMessage<?> registration = harness.publish("buendnis:erfurt",
                new BuendnisRegistered(BuendnisId.of("erfurt"), profile));
        EventMessage<?> grant = harness.publish(PERIOD.toString(), grantOf(PERIOD, "erfurt", GrantBasis.SURVEY, true));
        // delivered again out of order, as by two segments: the grant first, the registration (stored earlier) after
        harness.reset();
        harness.redeliver(grant);
        assertThat(queries.find(new FindSealGrantQuery(PERIOD, BuendnisId.of("erfurt"))).allianceName()).isNull();
        harness.redeliver(registration);

        SealGrantView view = queries.find(new FindSealGrantQuery(PERIOD, BuendnisId.of("erfurt")));
        assertThat(view.allianceName()).isEqualTo("Bündnis Erfurt");
        assertThat(view.bundeslandName()).isEqualTo("Thüringen");
    }

    @Test
    void redeliveryAndRebuildKeepTheSameCodesAndDocuments() {
        register("jena", "Bündnis Jena", "16053000", Bundesland.TH, "Jena");
        grant("jena", GrantBasis.SURVEY, true);
        register("gera", "Bündnis Gera", "16052000", Bundesland.TH, "Gera");
        grant("gera", GrantBasis.RENEWAL, false);
        published.add(harness.publish(PERIOD.toString(), new SealRevoked(PERIOD, BuendnisId.of("gera"), "Grund",
                GrantBasis.RENEWAL)));
        List<SealGrantView> before = queries.find(new FindSealGrantsOfPeriodQuery(PERIOD));
        assertThat(before).extracting(SealGrantView::allianceName).containsExactly("Bündnis Gera", "Bündnis Jena");

        published.forEach(harness::redeliver);
        assertThat(queries.find(new FindSealGrantsOfPeriodQuery(PERIOD))).isEqualTo(before);

        harness.reset();
        assertThat(queries.find(new FindSealGrantsOfPeriodQuery(PERIOD))).isEmpty();
        published.forEach(harness::redeliver);
        assertThat(queries.find(new FindSealGrantsOfPeriodQuery(PERIOD))).isEqualTo(before);
        assertThat(Set.copyOf(before.stream().map(SealGrantView::verificationCode).toList())).hasSize(2);
    }

    @Test
    void theEventsInProcessorBatchesOfAnySizeLeaveWhatTheyLeaveOneByOne() {
        register("jena", "Bündnis Jena", "16053000", Bundesland.TH, "Jena");
        grant("jena", GrantBasis.SURVEY, true);
        register("gera", "Bündnis Gera", "16052000", Bundesland.TH, "Gera");
        published.add(harness.publish("buendnis:jena", new BuendnisProfileUpdated(BuendnisId.of("jena"),
                profile("Familienbündnis Jena", "16053000", Bundesland.TH, "Jena"),
                profile("Bündnis Jena", "16053000", Bundesland.TH, "Jena"), List.of("name"))));
        grant("gera", GrantBasis.RENEWAL, false);
        published.add(harness.publish(PERIOD.toString(), new SealRevoked(PERIOD, BuendnisId.of("gera"), "Grund",
                GrantBasis.RENEWAL)));
        AwardPeriod next = AwardPeriod.of("2025/26");
        published.add(harness.publish(next.toString(), grantOf(next, "jena", GrantBasis.SURVEY, true)));
        register("suhl", "Bündnis Suhl", "16054000", Bundesland.TH, "Suhl");
        List<Document> oneByOne = everyDocument();
        assertThat(queries.find(new FindSealGrantQuery(next, BuendnisId.of("jena"))).allianceName())
                .isEqualTo("Familienbündnis Jena");

        for (int size : new int[] {published.size(), 2, 3}) {
            harness.reset();
            new ProcessorBatch(projection).deliverInBatchesOf(size, published);
            assertThat(everyDocument()).as("in batches of " + size).isEqualTo(oneByOne);
        }
        // out of order, as by two segments: every grant before every profile, in one batch
        harness.reset();
        List<EventMessage<?>> grantsFirst = new ArrayList<>(published.stream()
                .filter(event -> !(event.getPayload() instanceof BuendnisRegistered
                        || event.getPayload() instanceof BuendnisProfileUpdated)).toList());
        grantsFirst.addAll(published.stream().filter(event -> !grantsFirst.contains(event)).toList());
        new ProcessorBatch(projection).deliver(grantsFirst);
        assertThat(everyDocument()).isEqualTo(oneByOne);
    }

    @Test
    void aGrantStoredByAnotherSegmentWhileABatchHoldsTheProfileItFollowsShowsThatProfile() {
        EventMessage<?> registration = ProcessorBatch.tracked("buendnis:erfurt", 0, 0,
                new BuendnisRegistered(BuendnisId.of("erfurt"), profile("Bündnis Erfurt", "16051000",
                        Bundesland.TH, "Erfurt")));
        EventMessage<?> later = ProcessorBatch.tracked("buendnis:weimar", 0, 1001,
                new BuendnisRegistered(BuendnisId.of("weimar"), profile("Bündnis Weimar", "16055000",
                        Bundesland.TH, "Weimar")));
        harness.at(Instant.parse("2024-11-22T10:00:00Z"));
        List<EventMessage<?>> handled = new ArrayList<>();

        new ProcessorBatch(projection).deliver(List.of(registration, later), event -> {
            handled.add(event);
            if (handled.size() == 1) {
                // the grant (stored after the registration) is handled by another segment before the batch ends
                Thread segment = new Thread(() -> harness.publish(PERIOD.toString() + "-later",
                        grantOf(PERIOD, "erfurt", GrantBasis.SURVEY, true)));
                segment.start();
                try {
                    segment.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                assertThat(queries.find(new FindSealGrantQuery(PERIOD, BuendnisId.of("erfurt"))).allianceName())
                        .isNull();
            }
        });

        SealGrantView view = queries.find(new FindSealGrantQuery(PERIOD, BuendnisId.of("erfurt")));
        assertThat(view.allianceName()).isEqualTo("Bündnis Erfurt");
        assertThat(view.place()).isEqualTo("Erfurt");
    }

    private List<Document> everyDocument() {
        List<Document> all = new ArrayList<>();
        for (String collection : List.of(SealRegisterProjection.COLLECTION, SealRegisterProjection.PROFILES)) {
            harness.database().getCollection(collection).find().sort(new Document("_id", 1)).into(all);
        }
        return all;
    }

    @Test
    void noGrantNoAnswer() {
        register("halle", "Bündnis Halle", "15002000", Bundesland.ST, "Halle (Saale)");
        assertThat(queries.find(new FindSealGrantQuery(PERIOD, BuendnisId.of("halle")))).isNull();
        assertThat(queries.find(new FindSealByVerificationCodeQuery(
                VerificationCode.ofGrantEvent("not-an-event")))).isNull();
        assertThat(queries.find(new FindSealGrantsOfPeriodQuery(PERIOD))).isEmpty();
    }

    private BuendnisProfile register(String id, String name, String ags, Bundesland land, String place) {
        BuendnisProfile profile = profile(name, ags, land, place);
        published.add(harness.publish("buendnis:" + id, new BuendnisRegistered(BuendnisId.of(id), profile)));
        return profile;
    }

    private EventMessage<?> grant(String id, GrantBasis basis, boolean atCeremony) {
        EventMessage<?> event = harness.publish(PERIOD.toString(), grantOf(PERIOD, id, basis, atCeremony));
        published.add(event);
        return event;
    }

    private static SealGranted grantOf(AwardPeriod period, String id, GrantBasis basis, boolean atCeremony) {
        return new SealGranted(period, BuendnisId.of(id), "Ausgezeichnetes Bündnis " + period.label(),
                new GrantEvidence(basis, GrantRule.SURVEY_INTEREST_WERKSTATT_V1,
                        RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, null, null,
                        basis == GrantBasis.RENEWAL ? period.previous() : null, BuendnisStatus.ACTIVE),
                atCeremony, CEREMONY);
    }

    static BuendnisProfile profile(String name, String ags, Bundesland land, String place) {
        return new BuendnisProfile(name, MunicipalityKey.of(ags), place, land, OrganisationForm.REGISTERED_ASSOCIATION,
                LocalDate.of(2005, 3, 1), null, Set.of(FieldOfAction.CHILD_CARE), Set.of());
    }
}
