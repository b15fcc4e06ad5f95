package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.audit.trail.entry.AuditDigest;
import de.lokalebuendnisse.audit.trail.chain.ChainedEvents;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.lokalebuendnisse.audit.trail.chain.AuditChain;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.kernel.audit.AuditEvents;
import de.lokalebuendnisse.kernel.audit.AuditHistoryPage;
import de.lokalebuendnisse.kernel.audit.FindAuditHistoryQuery;
import de.lokalebuendnisse.audit.service.replay.AuditReplay;
import de.lokalebuendnisse.audit.service.replay.LiveHistory;
import de.lokalebuendnisse.audit.service.replay.MongoLiveHistory;
import de.lokalebuendnisse.audit.service.replay.ReplayProgress;
import de.lokalebuendnisse.audit.service.replay.ReplayReport;
import de.lokalebuendnisse.audit.service.replay.ReplayReportText;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.Stream;

import static de.lokalebuendnisse.kernel.audit.AuditEvents.HAMM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The replay engine over the stored season: report, digest, chain head, comparison with the live history. */
class AuditReplayTest extends ReplaySeason {

    @Autowired
    AuditReplay replay;
    @Autowired
    MongoClient mongoClient;
    @Autowired
    MongoDatabase queryDatabase;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    private Serializer eventSerializer() {
        return eventSerializer;
    }

    private LiveHistory live() {
        return new MongoLiveHistory(queryDatabase, head -> null);
    }

    private ReplayReport replay(boolean keep) {
        return replay.run(AuditReplay.newId(Instant.now()), keep, live(), progress -> { });
    }

    @Test
    void readsEveryStoredEventAndCountsThemPerBerlinYearAndType() {
        long head = projections.headPosition();
        List<ReplayProgress> progress = new ArrayList<>();

        ReplayReport report = replay.run(AuditReplay.newId(Instant.now()), false, live(), progress::add);

        assertThat(report.headPosition()).isEqualTo(head);
        assertThat(report.eventsRead()).isEqualTo(PUBLISHED.size());
        assertThat(report.eventsPerYear()).extracting(ReplayReport.YearEvents::year, ReplayReport.YearEvents::events)
                .containsExactly(tuple(2024, 16L), tuple(2025, 3L));
        assertThat(report.eventsPerYear().get(0).types()).containsEntry("BuendnisRegistered", 3L)
                .containsEntry("PartnerAdded", 1L).containsEntry("SurveySubmitted", 2L)
                .containsEntry("SealGranted", 2L);
        assertThat(report.eventsPerYear().get(1).types()).containsOnlyKeys("SealRevoked", "BuendnisPaused",
                "AwardPeriodClosed");
        assertThat(progress).extracting(ReplayProgress::phase).containsSubsequence(ReplayProgress.READING,
                ReplayProgress.DIGESTING, ReplayProgress.COMPARING, ReplayProgress.DONE);
        assertThat(progress.get(progress.size() - 1).eventsDone()).isEqualTo(PUBLISHED.size());
        assertThat(progress.get(progress.size() - 1).secondsLeft()).isZero();
    }

    @Test
    void listsGrantsRenewalsAndRevocationsPerPeriodWithTheirEvidence() {
        ReplayReport report = replay(false);

        assertThat(report.periods()).singleElement().satisfies(period -> {
            assertThat(period.period()).isEqualTo("2024/25");
            assertThat(period.sealName()).isEqualTo("Ausgezeichnetes Bündnis 2024/25");
            assertThat(period.renewalRule()).isEqualTo("RENEW_BY_WERKSTATT_ATTENDANCE");
            assertThat(period.ceremony()).isEqualTo(new ReplayReport.Ceremony(LocalDate.of(2024, 11, 22), "Berlin",
                    true));
            assertThat(period.closed().sealsGranted()).isEqualTo(31);
            assertThat(period.grants()).singleElement().satisfies(grant -> {
                assertThat(grant.buendnisId()).isEqualTo("nuernberg");
                assertThat(grant.grantedOn()).isEqualTo(LocalDate.of(2024, 11, 22));
                assertThat(grant.survey().activityLevel()).isEqualByComparingTo(new BigDecimal("3.67"));
                assertThat(grant.survey().threshold()).isEqualByComparingTo(new BigDecimal("3.00"));
                assertThat(grant.survey().projektZukunftInterest()).isTrue();
                assertThat(grant.werkstatt().place()).isEqualTo("Hamm");
                assertThat(grant.werkstatt().date()).isEqualTo(LocalDate.of(2024, 9, 12));
                assertThat(grant.werkstatt().representative()).isNull();
                assertThat(grant.caller()).isEqualTo("Anna Schmidt");
                assertThat(grant.callerSubject()).isEqualTo(AuditEvents.ANNA.subject());
                assertThat(grant.callerClient()).isEqualTo("servicebuero-portal");
                assertThat(grant.callerRole()).isEqualTo("staff");
            });
            assertThat(period.renewals()).singleElement().satisfies(renewal -> {
                assertThat(renewal.buendnisId()).isEqualTo("hamm");
                assertThat(renewal.survey()).isNull();
                assertThat(renewal.previousPeriod()).isEqualTo("2023/24");
                assertThat(renewal.werkstatt().mode()).isEqualTo("REPRESENTATIVE");
                assertThat(renewal.werkstatt().representative()).isEqualTo(REPRESENTATIVE);
            });
            assertThat(period.revocations()).singleElement().satisfies(revocation -> {
                assertThat(revocation.buendnisId()).isEqualTo("hamm");
                assertThat(revocation.revokedOn()).isEqualTo(LocalDate.of(2025, 1, 1));
                assertThat(revocation.reason()).isEqualTo(REVOCATION_REASON);
                assertThat(revocation.caller()).isEqualTo("=ministerium");
                assertThat(revocation.callerSubject()).isEqualTo("4c0ffee-ministerium");
                assertThat(revocation.callerClient()).isEqualTo("ministerium-portal");
                assertThat(revocation.callerRole()).isEqualTo("admin");
            });
        });
    }

    @Test
    void theReportTextNamesWhoGrantedAndRevokedWithTheVerifiedRoleSubjectAndClient() {
        String markdown = ReplayReportText.markdown(replay(false));

        assertThat(markdown).contains("| Anna Schmidt (staff, subject " + AuditEvents.ANNA.subject()
                        + ", client servicebuero-portal) |",
                "| =ministerium (admin, subject 4c0ffee-ministerium, client ministerium-portal) |");
    }

    @Test
    void twoReplaysOfTheSameHistoryGiveTheSameDigestAndChainHead() {
        ReplayReport first = replay(false);
        ReplayReport second = replay(false);

        assertThat(first.replayId()).isNotEqualTo(second.replayId());
        assertThat(first.history().digest()).matches("[0-9a-f]{64}").isEqualTo(second.history().digest());
        assertThat(first.history().years()).isEqualTo(second.history().years());
        assertThat(first.chain()).isEqualTo(second.chain());
        assertThat(first.chain().eventsChained()).isEqualTo(PUBLISHED.size());
        assertThat(first.chain().position()).isEqualTo(first.headPosition());
    }

    @Test
    void theDigestIsTheDocumentedFormOverTheLiveHistoryAndTheChainHeadTheDocumentedChain() {
        ReplayReport report = replay(false);

        // recomputed from the live history's pages, year by year (positions rise across the two years here)
        AuditDigest expected = new AuditDigest();
        for (int year : List.of(2024, 2025)) {
            AuditHistoryPage page = new AuditHistoryQueryHandler(new AuditListings(queryDatabase))
                    .handle(new FindAuditHistoryQuery(year, 0, 1000));
            page.entries().forEach(entry -> expected.add(year, entry));
        }
        assertThat(report.history().entries()).isEqualTo(18).isEqualTo(expected.entries());
        assertThat(report.history().digest()).isEqualTo(expected.value());

        // the chain recomputed from the published messages as the kernel documents it
        String link = AuditChain.GENESIS;
        for (GenericDomainEventMessage<?> event : PUBLISHED) {
            link = AuditChain.link(link, ChainedEvents.of(event, eventSerializer()));
        }
        assertThat(report.chain().head()).isEqualTo(link);
    }

    @Test
    void findsNoDifferenceToTheLiveHistoryOnceItCaughtUp() {
        ReplayReport report = replay(false);

        assertThat(report.comparison().compared()).isTrue();
        assertThat(report.comparison().source()).isEqualTo("live database lbf-audit");
        assertThat(report.comparison().years()).containsExactly(2024, 2025);
        assertThat(report.comparison().liveEntries()).isEqualTo(18);
        assertThat(report.comparison().differencesTotal()).isZero();
        assertThat(report.hasDifferences()).isFalse();
    }

    @Test
    void anEqualHistoryIsConfirmedByPositionWithTheMergesAnswerAndWithoutReadingTheLiveOneYearByYear() {
        List<String> merged = new ArrayList<>();
        ReplayReport quick = replay.run(AuditReplay.newId(Instant.now()), false, watched(merged, true),
                progress -> { });
        assertThat(merged).as("the live history not read year by year").isEmpty();

        ReplayReport byMerge = replay.run(AuditReplay.newId(Instant.now()), false, watched(merged, false),
                progress -> { });
        assertThat(merged).as("read year by year without the lookup by position").isNotEmpty();
        assertThat(quick.comparison()).isEqualTo(byMerge.comparison());
        assertThat(quick.comparison().liveEntries()).isEqualTo(18);
    }

    @Test
    void aLiveEntryListedUnderAnotherYearIsMissingFromBothYears() {
        MongoCollection<Document> live = queryDatabase.getCollection(AuditDocuments.COLLECTION);
        String grant = PUBLISHED.get(13).getIdentifier();
        try {
            live.updateOne(Filters.eq("_id", grant), Updates.set(AuditDocuments.YEAR, 2025));

            ReplayReport report = replay(false);

            assertThat(report.comparison().differences())
                    .extracting(ReplayReport.Difference::kind, ReplayReport.Difference::year,
                            ReplayReport.Difference::eventId)
                    .containsExactly(tuple("MISSING_IN_LIVE", 2024, grant), tuple("MISSING_IN_REPLAY", 2025, grant));
        } finally {
            live.updateOne(Filters.eq("_id", grant), Updates.set(AuditDocuments.YEAR, 2024));
        }
    }

    /** The live database, noting each read year by year; with or without its lookup by position. */
    private LiveHistory watched(List<String> merged, boolean byPosition) {
        LiveHistory database = live();
        return new LiveHistory() {
            @Override
            public String source() {
                return database.source();
            }

            @Override
            public String awaitCovering(long head) {
                return database.awaitCovering(head);
            }

            @Override
            public SortedSet<Integer> years(long head) {
                merged.add("years");
                return database.years(head);
            }

            @Override
            public Stream<AuditEntry> entries(int year, long head) {
                merged.add("entries " + year);
                return database.entries(year, head);
            }

            @Override
            public Optional<ByPosition> byPosition() {
                return byPosition ? database.byPosition() : Optional.empty();
            }
        };
    }

    @Test
    void listsEveryDifferenceOfADeliberatelyAlteredLiveHistory() {
        MongoCollection<Document> live = queryDatabase.getCollection(AuditDocuments.COLLECTION);
        String grant = PUBLISHED.get(13).getIdentifier();
        String paused = PUBLISHED.get(17).getIdentifier();
        Document grantBefore = live.find(Filters.eq("_id", grant)).first();
        Document pausedBefore = live.find(Filters.eq("_id", paused)).first();
        Document forged = new Document(pausedBefore).append("_id", "forged").append("position", 1000L);
        try {
            live.updateOne(Filters.eq("_id", grant), Updates.set("reason", "Siegel erteilt (nachträglich geändert)"));
            live.deleteOne(Filters.eq("_id", paused));
            live.insertOne(forged);

            ReplayReport report = replay(false);

            assertThat(report.hasDifferences()).isTrue();
            assertThat(report.comparison().differencesTotal()).isEqualTo(2);
            assertThat(report.comparison().differences())
                    .extracting(ReplayReport.Difference::kind, ReplayReport.Difference::year,
                            ReplayReport.Difference::eventId, ReplayReport.Difference::field,
                            ReplayReport.Difference::live)
                    .containsExactly(
                            tuple("FIELD", 2024, grant, "reason", "Siegel erteilt (nachträglich geändert)"),
                            tuple("MISSING_IN_LIVE", 2025, paused, null, null));
            assertThat(report.comparison().differences().get(0).replay()).startsWith("Siegel „Ausgezeichnetes");
            // the forged entry lies past the replay's head: an event the replay did not read, so not compared
            assertThat(report.headPosition()).isLessThan(1000L);
        } finally {
            live.replaceOne(Filters.eq("_id", grant), grantBefore);
            live.insertOne(pausedBefore);
            live.deleteOne(Filters.eq("_id", "forged"));
        }
    }

    @Test
    void aLiveEntryWhoseIdentityWasAlteredIsListedFieldByField() {
        MongoCollection<Document> live = queryDatabase.getCollection(AuditDocuments.COLLECTION);
        String grant = PUBLISHED.get(13).getIdentifier();
        String campaignOpened = PUBLISHED.get(4).getIdentifier();
        Document grantBefore = live.find(Filters.eq("_id", grant)).first();
        Document openedBefore = live.find(Filters.eq("_id", campaignOpened)).first();
        try {
            live.updateOne(Filters.eq("_id", grant), Updates.combine(Updates.set("callerRole", "admin"),
                    Updates.unset("callerSubject")));
            // an identity planted on an entry of an event stored before tokens were required
            live.updateOne(Filters.eq("_id", campaignOpened), Updates.set("callerSubject", "someone"));

            ReplayReport report = replay(false);

            assertThat(report.comparison().differences())
                    .extracting(ReplayReport.Difference::eventId, ReplayReport.Difference::field,
                            ReplayReport.Difference::replay, ReplayReport.Difference::live)
                    .containsExactly(
                            tuple(campaignOpened, "callerSubject", null, "someone"),
                            tuple(grant, "callerSubject", AuditEvents.ANNA.subject(), null),
                            tuple(grant, "callerRole", "staff", "admin"));
        } finally {
            live.replaceOne(Filters.eq("_id", grant), grantBefore);
            live.replaceOne(Filters.eq("_id", campaignOpened), openedBefore);
        }
    }

    @Test
    void listsALiveEntryNoStoredEventAccountsFor() {
        MongoCollection<Document> live = queryDatabase.getCollection(AuditDocuments.COLLECTION);
        Document registered = live.find(Filters.eq("_id", PUBLISHED.get(2).getIdentifier())).first();
        // the position after it holds the PartnerAdded, which the history leaves out
        long partnerAdded = registered.get("position", Number.class).longValue() + 1;
        Document inserted = new Document(registered).append("_id", "inserted").append("position", partnerAdded);
        try {
            live.insertOne(inserted);

            ReplayReport report = replay(false);

            assertThat(report.comparison().differences()).singleElement()
                    .extracting(ReplayReport.Difference::kind, ReplayReport.Difference::position,
                            ReplayReport.Difference::eventId)
                    .containsExactly("MISSING_IN_REPLAY", partnerAdded, "inserted");
        } finally {
            live.deleteOne(Filters.eq("_id", "inserted"));
        }
    }

    @Test
    void keepsTheReplaysDatabaseOnlyWhenAskedTo() {
        ReplayReport dropped = replay(false);
        ReplayReport kept = replay(true);
        try {
            List<String> databases = mongoClient.listDatabaseNames().into(new ArrayList<>());

            assertThat(dropped.database().name()).startsWith("lbf-audit-replay-").endsWith(dropped.replayId());
            assertThat(dropped.database().kept()).isFalse();
            assertThat(databases).doesNotContain(dropped.database().name()).contains(kept.database().name());
            assertThat(kept.database().kept()).isTrue();
            MongoCollection<Document> rebuilt = mongoClient.getDatabase(kept.database().name())
                    .getCollection(AuditDocuments.COLLECTION);
            assertThat(rebuilt.countDocuments()).isEqualTo(18);
            AuditEntry renewal = AuditDocuments.toEntry(rebuilt.find(Filters.eq("_id",
                    PUBLISHED.get(14).getIdentifier())).first());
            assertThat(renewal.buendnisId()).isEqualTo(HAMM.value());
            assertThat(renewal.reason()).contains(REPRESENTATIVE);
            // the live history is untouched by either
            assertThat(queryDatabase.getCollection(AuditDocuments.COLLECTION).countDocuments()).isEqualTo(18);
        } finally {
            mongoClient.getDatabase(kept.database().name()).drop();
        }
    }

    @Test
    void saysPlainlyWhenThereWasNothingToCompareWith() {
        ReplayReport report = replay.run(AuditReplay.newId(Instant.now()), false,
                LiveHistory.none("no live history here"), progress -> { });

        assertThat(report.comparison().compared()).isFalse();
        assertThat(report.comparison().note()).isEqualTo("no live history here");
        assertThat(report.hasDifferences()).isFalse();
        assertThat(report.history().entries()).isEqualTo(18);
    }
}
