package de.lokalebuendnisse.query.directory;

import de.lokalebuendnisse.platform.personal.InMemoryPersonKeys;
import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.buendnis.PartnerAdded;
import de.lokalebuendnisse.kernel.buendnis.PartnerId;
import de.lokalebuendnisse.kernel.buendnis.PartnerRemoved;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.common.MunicipalityKey;
import de.lokalebuendnisse.kernel.directory.DirectoryEntry;
import de.lokalebuendnisse.kernel.directory.DirectoryPage;
import de.lokalebuendnisse.kernel.directory.DirectorySort;
import de.lokalebuendnisse.kernel.directory.DirectoryStats;
import de.lokalebuendnisse.kernel.directory.FetchDirectoryStatsQuery;
import de.lokalebuendnisse.kernel.directory.FindDirectoryEntriesQuery;
import de.lokalebuendnisse.kernel.directory.FindDirectoryEntryQuery;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.CriterionScore;
import de.lokalebuendnisse.kernel.survey.ParticipationBasis;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SurveyAmended;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import de.lokalebuendnisse.platform.personal.PersonalDataCipher;
import de.lokalebuendnisse.platform.projection.ProjectionAnswers;
import de.lokalebuendnisse.platform.testing.ProjectionHarness;
import org.axonframework.eventhandling.EventMessage;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryProjectionTest {

    private ProjectionHarness harness;
    private DirectoryQueryHandler queries;

    @BeforeEach
    void harness() {
        harness = new ProjectionHarness();
        harness.project(new DirectoryProjection(harness.database()));
        queries = new DirectoryQueryHandler(harness.database(), new PersonalDataCipher(new InMemoryPersonKeys()));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aRegistrationAddsTheAllianceWithItsWholeProfile() {
        register("nuernberg", "Bündnis für Familie Nürnberg", "09564000", Bundesland.BY, "Nürnberg",
                OrganisationForm.REGISTERED_ASSOCIATION, FutureTopic.CHILD_CARE);

        DirectoryEntry entry = entry("nuernberg");
        assertThat(entry.name()).isEqualTo("Bündnis für Familie Nürnberg");
        assertThat(entry.place()).isEqualTo("Nürnberg");
        assertThat(entry.municipalityKey()).isEqualTo("09564000");
        assertThat(entry.bundesland()).isEqualTo("DE-BY");
        assertThat(entry.bundeslandName()).isEqualTo("Bayern");
        assertThat(entry.organisationForm()).isEqualTo(OrganisationForm.REGISTERED_ASSOCIATION);
        assertThat(entry.foundedOn()).isEqualTo(LocalDate.of(2005, 3, 1));
        assertThat(entry.fieldsOfAction()).containsExactly(FieldOfAction.CHILD_CARE);
        assertThat(entry.futureTopics()).containsExactly(FutureTopic.CHILD_CARE);
        assertThat(entry.status()).isEqualTo(BuendnisStatus.ACTIVE);
        assertThat(entry.partnerCount()).isZero();
        assertThat(entry.lastSurvey()).isNull();
    }

    @Test
    void aProfileUpdateReplacesWhatTheDirectoryShows() {
        BuendnisProfile before = profile("Bündnis Hamm", "05915000", Bundesland.NW, "Hamm",
                OrganisationForm.DISCUSSION_CIRCLE, FutureTopic.CHILD_CARE);
        harness.publish("buendnis:hamm", new BuendnisRegistered(BuendnisId.of("hamm"), before));
        BuendnisProfile after = profile("Lokales Bündnis für Familie Hamm", "05915000", Bundesland.NW, "Hamm",
                OrganisationForm.REGISTERED_ASSOCIATION, FutureTopic.LOW_INCOME_FAMILIES);
        harness.publish("buendnis:hamm", new BuendnisProfileUpdated(BuendnisId.of("hamm"), after, before,
                List.of("name", "organisationForm", "futureTopics")));

        DirectoryEntry entry = entry("hamm");
        assertThat(entry.name()).isEqualTo("Lokales Bündnis für Familie Hamm");
        assertThat(entry.organisationForm()).isEqualTo(OrganisationForm.REGISTERED_ASSOCIATION);
        assertThat(entry.futureTopics()).containsExactly(FutureTopic.LOW_INCOME_FAMILIES);
        assertThat(search("familie hamm", null)).extracting(DirectoryEntry::buendnisId).containsExactly("hamm");
    }

    @Test
    void partnersAreCountedInAllAndPerType() {
        registerSimple("koeln", "Köln", Bundesland.NW);
        addPartner("koeln", "ihk", "IHK Köln", PartnerType.CHAMBER);
        addPartner("koeln", "stadt", "Stadt Köln", PartnerType.MUNICIPALITY);
        addPartner("koeln", "hwk", "Handwerkskammer", PartnerType.CHAMBER);
        harness.publish("buendnis:koeln", new PartnerRemoved(BuendnisId.of("koeln"), PartnerId.of("ihk"), "IHK Köln",
                PartnerType.CHAMBER));

        DirectoryEntry entry = entry("koeln");
        assertThat(entry.partnerCount()).isEqualTo(2);
        assertThat(entry.partnersByType()).containsEntry(PartnerType.CHAMBER, 1).containsEntry(PartnerType.MUNICIPALITY, 1)
                .hasSize(2);
        assertThat(entry.partners()).extracting(p -> p.partnerId()).containsExactly("stadt", "hwk");
    }

    /**
     * The counts are kept from the stored counts and the partner's stored type, not recounted: through removals,
     * partners added again with another type and events delivered twice they must stay what the partners count.
     */
    @Test
    void partnerCountsStayThoseOfTheListedPartnersThroughRemovalsReadditionsAndRedeliveries() {
        registerSimple("dessau", "Dessau", Bundesland.ST);
        List<EventMessage<?>> events = new ArrayList<>();
        Random random = new Random(29);
        PartnerType[] types = PartnerType.values();
        for (int i = 0; i < 300; i++) {
            String partner = "p" + random.nextInt(12);
            PartnerType type = types[random.nextInt(types.length)];
            EventMessage<?> event = random.nextInt(3) == 0
                    ? harness.publish("buendnis:dessau", new PartnerRemoved(BuendnisId.of("dessau"),
                    PartnerId.of(partner), partner, type))
                    : addPartner("dessau", partner, partner, type);
            events.add(event);
            if (random.nextInt(5) == 0) {
                // as after a crash before the token was stored: the newest events again, in order
                events.subList(Math.max(0, events.size() - 1 - random.nextInt(4)), events.size())
                        .forEach(harness::redeliver);
            }
            assertCountsAreThoseOfThePartners(entry("dessau"));
        }
        List<Document> oneByOne = documents();

        harness.reset();
        registerSimple("dessau", "Dessau", Bundesland.ST);
        harness.redeliverInOneBatch(events);

        assertThat(documents()).isEqualTo(oneByOne);
        assertCountsAreThoseOfThePartners(entry("dessau"));
    }

    @Test
    void aDocumentWithoutStoredCountsIsRecountedAtItsNextPartnerChange() {
        registerSimple("gera", "Gera", Bundesland.TH);
        addPartner("gera", "awo", "AWO Gera", PartnerType.WELFARE_ORGANISATION);
        addPartner("gera", "ihk", "IHK Ostthüringen", PartnerType.CHAMBER);
        harness.database().getCollection(DirectoryProjection.COLLECTION).updateOne(Filters.eq("_id", "gera"),
                new Document("$unset", new Document("partnerCount", "").append("partnersByType", "")));

        addPartner("gera", "stadt", "Stadt Gera", PartnerType.MUNICIPALITY);

        assertThat(entry("gera").partnerCount()).isEqualTo(3);
        assertCountsAreThoseOfThePartners(entry("gera"));
    }

    private static void assertCountsAreThoseOfThePartners(DirectoryEntry entry) {
        Map<PartnerType, Integer> counted = new EnumMap<>(PartnerType.class);
        entry.partners().forEach(partner -> counted.merge(partner.type(), 1, Integer::sum));
        assertThat(entry.partnerCount()).isEqualTo(entry.partners().size());
        assertThat(entry.partnersByType()).isEqualTo(counted);
    }

    @Test
    void pauseResumeAndDissolutionSetTheStatus() {
        registerSimple("erfurt", "Erfurt", Bundesland.TH);
        harness.publish("buendnis:erfurt", new BuendnisPaused(BuendnisId.of("erfurt"), "Koordination unbesetzt"));
        assertThat(entry("erfurt").status()).isEqualTo(BuendnisStatus.PAUSED);
        harness.publish("buendnis:erfurt", new BuendnisResumed(BuendnisId.of("erfurt")));
        assertThat(entry("erfurt").status()).isEqualTo(BuendnisStatus.ACTIVE);
        harness.publish("buendnis:erfurt", new BuendnisDissolved(BuendnisId.of("erfurt"), LocalDate.of(2025, 1, 31),
                "aufgelöst", BuendnisStatus.ACTIVE));
        assertThat(entry("erfurt").status()).isEqualTo(BuendnisStatus.DISSOLVED);
    }

    @Test
    void aGrantedSealIsHeldAndARevokedOneStaysInTheHistory() {
        registerSimple("hamm", "Hamm", Bundesland.NW);
        grant("hamm", "2023/24");
        grant("hamm", "2024/25");
        harness.publish("seal-award:2023/24", new SealRevoked(AwardPeriod.of("2023/24"), BuendnisId.of("hamm"),
                "Angaben nicht belegt", GrantBasis.SURVEY));

        DirectoryEntry entry = entry("hamm");
        assertThat(entry.sealsHeld()).containsExactly("2024/25");
        assertThat(entry.seals()).hasSize(2);
        assertThat(entry.seals().get(0).period()).isEqualTo("2023/24");
        assertThat(entry.seals().get(0).revoked()).isTrue();
        assertThat(entry.seals().get(0).revokedReason()).isEqualTo("Angaben nicht belegt");
        assertThat(entry.seals().get(1).grantedOn()).isEqualTo(LocalDate.of(2024, 11, 22));
        assertThat(entry.seals().get(1).basis()).isEqualTo(GrantBasis.SURVEY);
    }

    @Test
    void theNewestSurveyIsShownAndALateAmendmentOfAnOlderCampaignDoesNotReplaceIt() {
        registerSimple("leipzig", "Leipzig", Bundesland.SN);
        submit("leipzig", 2023, "2,2,2");
        submit("leipzig", 2024, "4,3,3");
        harness.publish("survey-campaign:2023", amended("leipzig", 2023, "3,3,3"));

        assertThat(entry("leipzig").lastSurvey().year()).isEqualTo(2024);
        assertThat(entry("leipzig").lastSurvey().activityLevel()).isEqualByComparingTo("3.33");
        assertThat(entry("leipzig").lastSurvey().sufficient()).isTrue();
        harness.publish("survey-campaign:2024", amended("leipzig", 2024, "2,2,3"));
        assertThat(entry("leipzig").lastSurvey().activityLevel()).isEqualByComparingTo("2.33");
        assertThat(entry("leipzig").lastSurvey().sufficient()).isFalse();
    }

    @Test
    void redeliveringEveryEventChangesNothing() {
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(registerSimple("bremen", "Bremen", Bundesland.HB));
        events.add(addPartner("bremen", "awo", "AWO Bremen", PartnerType.WELFARE_ORGANISATION));
        events.add(addPartner("bremen", "kita", "Kita Sonnenschein", PartnerType.DAY_CARE));
        events.add(harness.publish("buendnis:bremen", new PartnerRemoved(BuendnisId.of("bremen"), PartnerId.of("kita"),
                "Kita Sonnenschein", PartnerType.DAY_CARE)));
        events.add(submit("bremen", 2024, "4,4,3"));
        events.add(grant("bremen", "2024/25"));
        events.add(harness.publish("buendnis:bremen", new BuendnisPaused(BuendnisId.of("bremen"), null)));
        List<Document> before = documents();

        events.forEach(harness::redeliver);

        assertThat(documents()).isEqualTo(before);
        assertThat(entry("bremen").partnerCount()).isEqualTo(1);
    }

    @Test
    void aReplayInOneProcessorBatchLeavesWhatTheEventsOneByOneLeft() {
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(registerSimple("bremen", "Bremen", Bundesland.HB));
        events.add(addPartner("bremen", "awo", "AWO Bremen", PartnerType.WELFARE_ORGANISATION));
        events.add(addPartner("bremen", "kita", "Kita Sonnenschein", PartnerType.DAY_CARE));
        events.add(harness.publish("buendnis:bremen", new PartnerRemoved(BuendnisId.of("bremen"), PartnerId.of("kita"),
                "Kita Sonnenschein", PartnerType.DAY_CARE)));
        events.add(registerSimple("jena", "Jena", Bundesland.TH));
        events.add(submit("bremen", 2024, "4,4,3"));
        events.add(harness.publish("survey-campaign:2023", amended("bremen", 2023, "1,1,1")));
        events.add(grant("bremen", "2024/25"));
        events.add(grant("jena", "2024/25"));
        events.add(harness.publish("seal-award:2024/25", new SealRevoked(AwardPeriod.of("2024/25"),
                BuendnisId.of("jena"), "nachträglich geprüft", GrantBasis.SURVEY)));
        events.add(addPartner("jena", "awo", "AWO Jena", PartnerType.WELFARE_ORGANISATION));
        events.add(harness.publish("buendnis:bremen", new BuendnisPaused(BuendnisId.of("bremen"), null)));
        List<Document> oneByOne = documents();

        harness.reset();
        harness.redeliverInOneBatch(events);

        assertThat(documents()).isEqualTo(oneByOne);
        assertThat(entry("bremen").partnerCount()).isEqualTo(1);
        assertThat(entry("jena").partnerCount()).isEqualTo(1);
    }

    @Test
    void pagesAreFoundInSearchDocumentsThatHoldOnlyWhatAPageFiltersAndSortsBy() {
        register("nuernberg", "Bündnis für Familie Nürnberg", "09564000", Bundesland.BY, "Nürnberg",
                OrganisationForm.REGISTERED_ASSOCIATION, FutureTopic.CHILD_CARE);
        addPartner("nuernberg", "ihk", "IHK Nürnberg", PartnerType.CHAMBER);
        submit("nuernberg", 2024, "4,4,3");
        grant("nuernberg", "2024/25");

        assertThat(searchDocuments()).singleElement().satisfies(search -> {
            assertThat(search.keySet()).containsExactlyInAnyOrder("_id", "registered", "searchText", "bundesland",
                    "futureTopics", "status", "organisationForm", "sealsHeld", "sortName", "sortPlace", "foundedOn",
                    "lastSurvey");
            assertThat(search.get("lastSurvey", Document.class).keySet()).containsExactly("activityLevel");
        });
        assertThat(search("nuernberg", Bundesland.BY)).singleElement()
                .satisfies(entry -> assertThat(entry.partners()).hasSize(1));
    }

    @Test
    void aSearchDocumentLeftStaleByAStopBetweenTheTwoWritesIsMendedWhenTheBatchIsHandledAgain() {
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(registerSimple("bremen", "Bremen", Bundesland.HB));
        events.add(harness.publish("buendnis:bremen", new BuendnisPaused(BuendnisId.of("bremen"), null)));
        List<Document> written = documents();
        // the directory's write of the batch landed, the search documents' did not: the token stayed behind
        searchCollection().replaceOne(Filters.eq("_id", "bremen"), new Document("_id", "bremen")
                .append("registered", true).append("bundesland", "DE-BY").append("status", "ACTIVE"));

        harness.redeliverInOneBatch(events);

        assertThat(documents()).isEqualTo(written);
        assertThat(queries.find(new FindDirectoryEntriesQuery(null, Bundesland.HB, null, BuendnisStatus.PAUSED, null,
                null, null, false, 0, 20)).entries()).extracting(DirectoryEntry::buendnisId).containsExactly("bremen");
    }

    @Test
    void aDirectoryWrittenBeforeTheSearchDocumentsExistedIsMadeSearchableAtStart() {
        registerSimple("bremen", "Bremen", Bundesland.HB);
        registerSimple("jena", "Jena", Bundesland.TH);
        submit("jena", 2024, "4,4,3");
        grant("jena", "2024/25");
        List<Document> written = documents();
        searchCollection().drop();

        new DirectoryProjection(harness.database());

        assertThat(documents()).isEqualTo(written);
        assertThat(search(null, Bundesland.TH)).extracting(DirectoryEntry::buendnisId).containsExactly("jena");
        assertThat(queries.stats(new FetchDirectoryStatsQuery()).perSealPeriod()).containsEntry("2024/25", 1L);
    }

    @Test
    void aPageCountIsKeptPerFilterUntilTheDirectoryChanges() {
        AtomicInteger state = new AtomicInteger();
        DirectoryQueryHandler kept = new DirectoryQueryHandler(harness.database(),
                new PersonalDataCipher(new InMemoryPersonKeys()), ProjectionAnswers.perVersion(state::get, 16));
        registerSimple("aachen", "Aachen", Bundesland.NW);
        registerSimple("bonn", "Bonn", Bundesland.NW);
        registerSimple("dortmund", "Dortmund", Bundesland.NW);
        assertThat(kept.find(inNrw(0)).total()).isEqualTo(3);

        // not yet a new state: the second page is read now, its total is the one counted for this state
        registerSimple("essen", "Essen", Bundesland.NW);
        DirectoryPage second = kept.find(inNrw(1));
        assertThat(second.total()).isEqualTo(3);
        assertThat(second.entries()).extracting(DirectoryEntry::buendnisId).containsExactly("dortmund", "essen");

        state.incrementAndGet();
        assertThat(kept.find(inNrw(1)).total()).isEqualTo(4);
        assertThat(kept.find(new FindDirectoryEntriesQuery(null, Bundesland.NW, null, BuendnisStatus.PAUSED, null,
                null, null, false, 0, 2)).total()).as("another filter, another count").isZero();
    }

    private static FindDirectoryEntriesQuery inNrw(int page) {
        return new FindDirectoryEntriesQuery(null, Bundesland.NW, null, null, null, null, null, false, page, 2);
    }

    @Test
    void aResetEmptiesTheDirectory() {
        registerSimple("bremen", "Bremen", Bundesland.HB);
        harness.reset();
        assertThat(documents()).isEmpty();
    }

    @Test
    void aSealBeforeTheRegistrationDoesNotShowAnUnregisteredAlliance() {
        grant("hamm", "2024/25");
        assertThat(queries.find(new FindDirectoryEntryQuery(BuendnisId.of("hamm")))).isNull();
        assertThat(search(null, null)).isEmpty();
        registerSimple("hamm", "Hamm", Bundesland.NW);
        assertThat(entry("hamm").sealsHeld()).containsExactly("2024/25");
    }

    @Test
    void nameSearchIgnoresCaseAndUmlauts() {
        register("muenchen", "Bündnis für Familie München", "09162000", Bundesland.BY, "München",
                OrganisationForm.WORKING_GROUP, FutureTopic.CHILD_CARE);
        register("koeln", "Kölner Bündnis", "05315000", Bundesland.NW, "Köln",
                OrganisationForm.WORKING_GROUP, FutureTopic.CHILD_CARE);
        register("hamm", "Familienforum Hamm", "05915000", Bundesland.NW, "Hamm",
                OrganisationForm.WORKING_GROUP, FutureTopic.CHILD_CARE);

        for (String spelling : List.of("bundnis", "Buendnis", "Bündnis", "BÜNDNIS")) {
            assertThat(search(spelling, null)).as(spelling).extracting(DirectoryEntry::buendnisId)
                    .containsExactlyInAnyOrder("muenchen", "koeln");
        }
        assertThat(search("muenchen", null)).extracting(DirectoryEntry::buendnisId).containsExactly("muenchen");
        assertThat(search("KOELN", null)).extracting(DirectoryEntry::buendnisId).containsExactly("koeln");
        assertThat(search("familie hamm", null)).extracting(DirectoryEntry::buendnisId).containsExactly("hamm");
        assertThat(search("nirgendwo", null)).isEmpty();
    }

    @Test
    void searchTextIsReducedToWordsAndNeverActsAsAPattern() {
        registerSimple("hamm", "Hamm", Bundesland.NW);
        registerSimple("koeln", "Köln", Bundesland.NW);
        assertThat(search(".*", null)).as("punctuation alone finds nothing, not everything").isEmpty();
        assertThat(search("(((", null)).isEmpty();
        assertThat(search("(hamm)+", null)).extracting(DirectoryEntry::buendnisId).containsExactly("hamm");
        assertThat(search("köln|hamm", null)).as("no alternation").isEmpty();
    }

    @Test
    void filtersCombineAndPagesCarryTheTotal() {
        register("hamm", "Bündnis Hamm", "05915000", Bundesland.NW, "Hamm", OrganisationForm.WORKING_GROUP,
                FutureTopic.CHILD_CARE);
        register("koeln", "Bündnis Köln", "05315000", Bundesland.NW, "Köln", OrganisationForm.REGISTERED_ASSOCIATION,
                FutureTopic.LOW_INCOME_FAMILIES);
        register("bonn", "Bündnis Bonn", "05314000", Bundesland.NW, "Bonn", OrganisationForm.WORKING_GROUP,
                FutureTopic.CHILD_CARE);
        register("leipzig", "Bündnis Leipzig", "14713000", Bundesland.SN, "Leipzig", OrganisationForm.WORKING_GROUP,
                FutureTopic.CHILD_CARE);
        harness.publish("buendnis:bonn", new BuendnisPaused(BuendnisId.of("bonn"), null));
        grant("koeln", "2024/25");

        assertThat(search(null, Bundesland.NW)).extracting(DirectoryEntry::buendnisId)
                .containsExactly("bonn", "hamm", "koeln");
        assertThat(ids(new FindDirectoryEntriesQuery(null, Bundesland.NW, FutureTopic.CHILD_CARE, BuendnisStatus.ACTIVE,
                OrganisationForm.WORKING_GROUP, null, DirectorySort.NAME, false, 0, 20))).containsExactly("hamm");
        assertThat(ids(new FindDirectoryEntriesQuery(null, null, null, null, null, AwardPeriod.of("2024/25"),
                DirectorySort.NAME, false, 0, 20))).containsExactly("koeln");
        assertThat(ids(new FindDirectoryEntriesQuery(null, null, null, null, OrganisationForm.REGISTERED_ASSOCIATION,
                null, DirectorySort.NAME, false, 0, 20))).containsExactly("koeln");

        DirectoryPage first = queries.find(new FindDirectoryEntriesQuery("bundnis", null, null, null, null, null,
                DirectorySort.NAME, false, 0, 3));
        DirectoryPage second = queries.find(new FindDirectoryEntriesQuery("bundnis", null, null, null, null, null,
                DirectorySort.NAME, false, 1, 3));
        assertThat(first.total()).isEqualTo(4);
        assertThat(first.entries()).extracting(DirectoryEntry::buendnisId).containsExactly("bonn", "hamm", "koeln");
        assertThat(second.entries()).extracting(DirectoryEntry::buendnisId).containsExactly("leipzig");
    }

    @Test
    void sortsByPlaceFoundingAndActivityLevelEitherWay() {
        register("a", "Alpha", "05915000", Bundesland.NW, "Zwickau-Nord", OrganisationForm.WORKING_GROUP,
                FutureTopic.CHILD_CARE);
        register("b", "Beta", "05315000", Bundesland.NW, "Aachen", OrganisationForm.WORKING_GROUP,
                FutureTopic.CHILD_CARE);
        submit("a", 2024, "2,2,2");
        submit("b", 2024, "4,4,4");

        assertThat(ids(sorted(DirectorySort.PLACE, false))).containsExactly("b", "a");
        assertThat(ids(sorted(DirectorySort.NAME, true))).containsExactly("b", "a");
        assertThat(ids(sorted(DirectorySort.ACTIVITY_LEVEL, true))).containsExactly("b", "a");
        assertThat(ids(sorted(DirectorySort.ACTIVITY_LEVEL, false))).containsExactly("a", "b");
    }

    @Test
    void statsCountEveryBundeslandStatusAndSealPeriod() {
        registerSimple("hamm", "Hamm", Bundesland.NW);
        registerSimple("koeln", "Köln", Bundesland.NW);
        registerSimple("leipzig", "Leipzig", Bundesland.SN);
        harness.publish("buendnis:leipzig", new BuendnisPaused(BuendnisId.of("leipzig"), null));
        grant("hamm", "2024/25");
        grant("koeln", "2024/25");
        grant("koeln", "2023/24");

        DirectoryStats stats = queries.stats(new FetchDirectoryStatsQuery());
        assertThat(stats.total()).isEqualTo(3);
        assertThat(stats.perBundesland()).hasSize(16).containsEntry("DE-NW", 2L).containsEntry("DE-SN", 1L)
                .containsEntry("DE-BY", 0L);
        assertThat(stats.perStatus()).containsEntry("ACTIVE", 2L).containsEntry("PAUSED", 1L)
                .containsEntry("DISSOLVED", 0L);
        assertThat(stats.perSealPeriod()).containsEntry("2024/25", 2L).containsEntry("2023/24", 1L);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private FindDirectoryEntriesQuery sorted(DirectorySort sort, boolean descending) {
        return new FindDirectoryEntriesQuery(null, null, null, null, null, null, sort, descending, 0, 20);
    }

    private List<String> ids(FindDirectoryEntriesQuery query) {
        return queries.find(query).entries().stream().map(DirectoryEntry::buendnisId).toList();
    }

    private List<DirectoryEntry> search(String text, Bundesland land) {
        return queries.find(new FindDirectoryEntriesQuery(text, land, null, null, null, null, DirectorySort.NAME,
                false, 0, 50)).entries();
    }

    private DirectoryEntry entry(String id) {
        DirectoryEntry entry = queries.find(new FindDirectoryEntryQuery(BuendnisId.of(id)));
        assertThat(entry).as("directory entry " + id).isNotNull();
        return entry;
    }

    /** Both collections: the directory documents, then the search documents derived from them. */
    private List<Document> documents() {
        List<Document> documents = harness.database().getCollection(DirectoryProjection.COLLECTION).find()
                .sort(new Document("_id", 1)).into(new ArrayList<>());
        documents.addAll(searchDocuments());
        return documents;
    }

    private List<Document> searchDocuments() {
        return searchCollection().find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private MongoCollection<Document> searchCollection() {
        return harness.database().getCollection(DirectorySearch.COLLECTION);
    }

    static BuendnisProfile profile(String name, String ags, Bundesland land, String place, OrganisationForm form,
                                   FutureTopic topic) {
        return new BuendnisProfile(name, MunicipalityKey.of(ags), place, land, form, LocalDate.of(2005, 3, 1),
                "https://example.org", Set.of(FieldOfAction.CHILD_CARE), Set.of(topic));
    }

    private EventMessage<?> register(String id, String name, String ags, Bundesland land, String place,
                                     OrganisationForm form, FutureTopic topic) {
        return harness.publish("buendnis:" + id, new BuendnisRegistered(BuendnisId.of(id),
                profile(name, ags, land, place, form, topic)));
    }

    private EventMessage<?> registerSimple(String id, String place, Bundesland land) {
        return register(id, "Bündnis für Familie " + place, land.agsPrefix() + "000000", land, place,
                OrganisationForm.WORKING_GROUP, FutureTopic.CHILD_CARE);
    }

    private EventMessage<?> addPartner(String id, String partnerId, String name, PartnerType type) {
        return harness.publish("buendnis:" + id, new PartnerAdded(BuendnisId.of(id), PartnerId.of(partnerId), name, type));
    }

    private EventMessage<?> grant(String id, String period) {
        AwardPeriod awardPeriod = AwardPeriod.of(period);
        AwardCeremony ceremony = new AwardCeremony(LocalDate.of(awardPeriod.firstYear(), 11, 22), "Berlin");
        return harness.publish(awardPeriod.toString(), new SealGranted(awardPeriod, BuendnisId.of(id),
                "Ausgezeichnetes Bündnis " + period, new GrantEvidence(GrantBasis.SURVEY,
                GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE, null, null, null,
                BuendnisStatus.ACTIVE), true, ceremony));
    }

    private static List<CriterionScore> scores(String csv) {
        List<CriterionScore> scores = new ArrayList<>();
        String[] values = csv.split(",");
        for (int i = 0; i < values.length; i++) {
            scores.add(new CriterionScore("c" + i, Integer.parseInt(values[i])));
        }
        return scores;
    }

    private EventMessage<?> submit(String id, int year, String csv) {
        List<CriterionScore> scores = scores(csv);
        ActivityLevel level = ActivityLevel.of(scores);
        BigDecimal threshold = new BigDecimal("3.00");
        return harness.publish(CampaignYear.of(year).toString(), new SurveySubmitted(CampaignYear.of(year),
                BuendnisId.of(id), scores, level, threshold, level.reaches(threshold), true, SubmissionChannel.ONLINE,
                new ParticipationBasis(BuendnisStatus.ACTIVE, AwardPeriod.startingIn(year - 1), false)));
    }

    private SurveyAmended amended(String id, int year, String csv) {
        List<CriterionScore> scores = scores(csv);
        ActivityLevel level = ActivityLevel.of(scores);
        BigDecimal threshold = new BigDecimal("3.00");
        return new SurveyAmended(CampaignYear.of(year), BuendnisId.of(id), scores, level, threshold,
                level.reaches(threshold), true, SubmissionChannel.ONLINE, level, level.reaches(threshold));
    }
}
