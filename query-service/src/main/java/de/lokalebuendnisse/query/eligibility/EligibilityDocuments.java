package de.lokalebuendnisse.query.eligibility;

import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.eligibility.Invitee;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.eligibility.EligibilityCounts;
import de.lokalebuendnisse.kernel.eligibility.EligibilityEntry;
import de.lokalebuendnisse.kernel.eligibility.EligibilityOverview;
import de.lokalebuendnisse.kernel.eligibility.EligibilityStatus;
import de.lokalebuendnisse.kernel.eligibility.FindEligibilityQuery;
import de.lokalebuendnisse.kernel.fold.AllianceFacts;
import de.lokalebuendnisse.kernel.fold.Assessment;
import de.lokalebuendnisse.kernel.fold.PeriodFacts;
import de.lokalebuendnisse.platform.mongo.ChunkedDeletes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The eligibility view's MongoDB collections, written by {@link EligibilityProjection} and read by
 * {@link EligibilityQueryHandler}.
 * <ul>
 *   <li>{@value #PERIODS}: one document per award period, {@code _id} its label, its {@link PeriodFacts};</li>
 *   <li>{@value #ENTRIES}: one document per period and alliance, {@code _id} like {@code 2024/25|hamm}: the
 *   {@link EligibilityEntry} as shown, plus the {@link AllianceFacts} it was derived from ({@code facts}), whether
 *   the period counts the alliance among its candidates and the sequence of the profile copied in;</li>
 *   <li>{@value #PROFILES}: name, place and Bundesland of every alliance, whether or not a period has heard of it
 *   yet, so an entry gets them whichever of the two streams arrives first.</li>
 * </ul>
 * The shapes are mapped with a Jackson mapper of their own that keeps decimals as strings, so a stored activity
 * level or threshold reads back with exactly its value and scale.
 */
@Component
public class EligibilityDocuments {

    static final String PERIODS = "eligibility_periods";
    static final String ENTRIES = "eligibility_entries";
    static final String PROFILES = "eligibility_profiles";

    private static final String PERIOD = "period";
    private static final String BUENDNIS_ID = "buendnisId";
    private static final String CANDIDATE = "candidate";
    private static final String STATUS = "status";
    private static final String BUNDESLAND = "bundesland";
    private static final String PROFILE_SEQUENCE = "profileSequence";
    private static final String FACTS = "facts";

    private final MongoCollection<Document> periods;
    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> profiles;
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addSerializer(BigDecimal.class, ToStringSerializer.instance))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public EligibilityDocuments(MongoDatabase queryDatabase) {
        this.periods = queryDatabase.getCollection(PERIODS);
        this.entries = queryDatabase.getCollection(ENTRIES);
        this.profiles = queryDatabase.getCollection(PROFILES);
        createIndexes();
    }

    /** One per filter of the queries (every query filters by period and candidacy and sorts by id). */
    private void createIndexes() {
        entries.createIndex(Indexes.ascending(PERIOD, CANDIDATE, BUENDNIS_ID), new IndexOptions().name("period_id"));
        entries.createIndex(Indexes.ascending(PERIOD, CANDIDATE, STATUS, BUENDNIS_ID),
                new IndexOptions().name("period_status"));
        entries.createIndex(Indexes.ascending(PERIOD, CANDIDATE, BUNDESLAND, BUENDNIS_ID),
                new IndexOptions().name("period_bundesland"));
    }

    static String entryId(AwardPeriod period, BuendnisId buendnisId) {
        return period.label() + "|" + buendnisId.value();
    }

    // ---- periods

    Optional<PeriodFacts> period(AwardPeriod period) {
        return Optional.ofNullable(periods.find(Filters.eq("_id", period.label())).first())
                .map(document -> read(document, PeriodFacts.class));
    }

    // ---- entries

    /** The facts recorded of the alliance in the period; empty when the period has not heard of it. */
    Optional<AllianceFacts> facts(AwardPeriod period, BuendnisId buendnisId) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", entryId(period, buendnisId)))
                        .projection(new Document(FACTS, 1)).first())
                .map(document -> read(document.get(FACTS, Document.class), AllianceFacts.class));
    }

    /** The facts of every alliance the period has heard of. */
    Map<BuendnisId, AllianceFacts> factsOf(AwardPeriod period) {
        Map<BuendnisId, AllianceFacts> all = new LinkedHashMap<>();
        for (Document document : entries.find(Filters.eq(PERIOD, period.label()))
                .projection(new Document(BUENDNIS_ID, 1).append(FACTS, 1))) {
            all.put(BuendnisId.of(document.getString(BUENDNIS_ID)),
                    read(document.get(FACTS, Document.class), AllianceFacts.class));
        }
        return all;
    }

    /**
     * The fields of an entry derived from the period's events: the facts and what the period's rule made of them
     * (judged by the projection). Never the profile fields: those belong to the profile's stream and are copied in
     * afterwards ({@link #copyProfilesToEntries}), so a profile written meanwhile by another thread is not overwritten
     * with an older one.
     */
    private Document derived(AwardPeriod period, BuendnisId buendnisId, AllianceFacts facts, Assessment assessment) {
        return new Document(PERIOD, period.label())
                .append(BUENDNIS_ID, buendnisId.value())
                .append(CANDIDATE, facts.candidate())
                .append(STATUS, assessment.status().name())
                .append("basis", assessment.basis() == null ? null : assessment.basis().name())
                .append("missing", toBson(assessment.missing()))
                .append("criteria", toBson(assessment.criteria()))
                .append("grant", toBson(facts.grant()))
                .append("revocation", toBson(facts.revocation()))
                .append("invitedOn", facts.lastInvitation() == null ? null : facts.lastInvitation().sentOn().toString())
                .append("invitationChannel", facts.lastInvitation() == null ? null
                        : facts.lastInvitation().channel().name())
                .append(FACTS, toBson(facts));
    }

    // ---- the writes of a processor batch

    /**
     * The reads and writes of the events of one processor batch (or of one event handled alone): periods and facts
     * are read from the database once and then kept in memory as the batch's events change them; what changed is
     * written when the batch ends ({@link #finish}), each document once, with one bulk write per collection. The
     * events of one batch are handled in order by one thread, so the copies in memory are what the events one by one
     * would have left in the database.
     */
    final class Batch {

        private final Map<String, Optional<PeriodFacts>> periodsKnown = new HashMap<>();
        private final Map<String, PeriodFacts> periodsChanged = new LinkedHashMap<>();
        private final Map<EntryKey, Optional<AllianceFacts>> factsKnown = new HashMap<>();
        private final Map<EntryKey, Document> entriesChanged = new LinkedHashMap<>();
        private final Map<BuendnisId, ProfileVersion> newestProfiles = new LinkedHashMap<>();

        /** Reads the periods and entries the batch's events will ask for, with one find each. */
        void load(Set<AwardPeriod> periodsToLoad, Set<EntryKey> entriesToLoad) {
            periodsToLoad.removeIf(period -> periodsKnown.containsKey(period.label()));
            entriesToLoad.removeIf(factsKnown::containsKey);
            if (!periodsToLoad.isEmpty()) {
                periodsToLoad.forEach(period -> periodsKnown.put(period.label(), Optional.empty()));
                for (Document document : periods.find(Filters.in("_id",
                        periodsToLoad.stream().map(AwardPeriod::label).toList()))) {
                    periodsKnown.put(document.getString("_id"), Optional.of(read(document, PeriodFacts.class)));
                }
            }
            if (!entriesToLoad.isEmpty()) {
                Map<String, EntryKey> byId = new HashMap<>();
                entriesToLoad.forEach(key -> byId.put(key.id(), key));
                entriesToLoad.forEach(key -> factsKnown.put(key, Optional.empty()));
                for (Document document : entries.find(Filters.in("_id", byId.keySet()))
                        .projection(new Document(FACTS, 1))) {
                    factsKnown.put(byId.get(document.getString("_id")),
                            Optional.of(read(document.get(FACTS, Document.class), AllianceFacts.class)));
                }
            }
        }

        Optional<PeriodFacts> period(AwardPeriod period) {
            return periodsKnown.computeIfAbsent(period.label(), label -> EligibilityDocuments.this.period(period));
        }

        void savePeriod(PeriodFacts facts) {
            periodsKnown.put(facts.period().label(), Optional.of(facts));
            periodsChanged.put(facts.period().label(), facts);
        }

        /** The facts recorded of the alliance in the period; empty when the period has not heard of it. */
        Optional<AllianceFacts> facts(AwardPeriod period, BuendnisId buendnisId) {
            return factsKnown.computeIfAbsent(new EntryKey(period, buendnisId),
                    key -> EligibilityDocuments.this.facts(period, buendnisId));
        }

        /** The facts of every alliance the period has heard of, the batch's changes included. */
        Map<BuendnisId, AllianceFacts> factsOf(AwardPeriod period) {
            Map<BuendnisId, AllianceFacts> all = EligibilityDocuments.this.factsOf(period);
            factsKnown.forEach((key, facts) -> {
                if (key.period().equals(period) && facts.isPresent()) {
                    all.put(key.buendnisId(), facts.get());
                }
            });
            return all;
        }

        /** Stores the facts and what the period's rule made of them (judged by the projection). */
        void saveEntry(AwardPeriod period, BuendnisId buendnisId, AllianceFacts facts, Assessment assessment) {
            EntryKey key = new EntryKey(period, buendnisId);
            factsKnown.put(key, Optional.of(facts));
            // every write sets the same derived fields: the last one of the batch decides them all
            entriesChanged.put(key, derived(period, buendnisId, facts, assessment));
        }

        /** Stored when the batch ends unless a newer profile of the alliance is stored. */
        void saveProfile(BuendnisId buendnisId, BuendnisProfile profile, long sequence) {
            newestProfiles.merge(buendnisId, new ProfileVersion(profile, sequence),
                    (kept, later) -> later.sequence() > kept.sequence() ? later : kept);
        }

        /**
         * Writes what the batch changed, then copies each concerned alliance's profile into its entries that hold an
         * older one; returns the periods of the entries it copied into. The profiles are read after the entries are
         * stored, and the entries after the profiles: whichever of two threads writing an alliance's entry and its
         * profile reads second sees the other's write.
         */
        Set<AwardPeriod> finish() {
            if (!periodsChanged.isEmpty()) {
                List<WriteModel<Document>> writes = new ArrayList<>();
                periodsChanged.forEach((label, facts) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", label),
                        toDocument(facts).append("_id", label), new ReplaceOptions().upsert(true))));
                periods.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            }
            Set<BuendnisId> concerned = new LinkedHashSet<>();
            if (!entriesChanged.isEmpty()) {
                List<WriteModel<Document>> writes = new ArrayList<>();
                entriesChanged.forEach((key, derived) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", key.id()),
                        new Document("$set", derived), new UpdateOptions().upsert(true))));
                entries.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                entriesChanged.keySet().forEach(key -> concerned.add(key.buendnisId()));
            }
            Map<BuendnisId, Document> current = saveProfiles(newestProfiles);
            concerned.removeAll(current.keySet());
            if (!concerned.isEmpty()) {
                for (Document stored : profiles.find(Filters.in("_id",
                        concerned.stream().map(BuendnisId::value).toList()))) {
                    current.put(BuendnisId.of(stored.getString("_id")), stored);
                }
            }
            return copyProfilesToEntries(current);
        }
    }

    /** An entry's period and alliance. */
    record EntryKey(AwardPeriod period, BuendnisId buendnisId) {
        String id() {
            return entryId(period, buendnisId);
        }
    }

    // ---- profiles

    /** A profile as the alliance's event stated it, with the event's sequence in the alliance's stream. */
    record ProfileVersion(BuendnisProfile profile, long sequence) {
    }

    /**
     * Stores the profile of each alliance unless a newer one of it is stored (events of one alliance come in order,
     * in one segment, so no other thread writes these documents meanwhile): one find and one bulk write for all of
     * them. Returns per alliance the profile stored now, the given or the newer one.
     */
    private Map<BuendnisId, Document> saveProfiles(Map<BuendnisId, ProfileVersion> newest) {
        Map<BuendnisId, Document> current = new LinkedHashMap<>();
        if (newest.isEmpty()) {
            return current;
        }
        List<String> ids = newest.keySet().stream().map(BuendnisId::value).toList();
        for (Document stored : profiles.find(Filters.in("_id", ids))) {
            current.put(BuendnisId.of(stored.getString("_id")), stored);
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Map.Entry<BuendnisId, ProfileVersion> version : newest.entrySet()) {
            Document stored = current.get(version.getKey());
            if (stored != null && stored.get("sequence", Number.class).longValue() >= version.getValue().sequence()) {
                continue;
            }
            BuendnisProfile profile = version.getValue().profile();
            Document document = new Document("_id", version.getKey().value())
                    .append("name", profile.name())
                    .append("place", profile.place())
                    .append(BUNDESLAND, profile.bundesland().isoCode())
                    .append("sequence", version.getValue().sequence());
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", version.getKey().value()), document,
                    new ReplaceOptions().upsert(true)));
            current.put(version.getKey(), document);
        }
        if (!writes.isEmpty()) {
            profiles.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        return current;
    }

    /**
     * Copies each alliance's profile (as stored now) into its entries that hold an older one, with one find of the
     * alliances' entries in every stored period and one bulk write; returns the periods of the entries changed. Called
     * after the batch's entries and profiles are stored ({@link Batch#finish}). The entries are found by their ids:
     * the stand-in serves only unique indexes from an index and read every entry of every period for a find by
     * alliance (at 65,000 alliances under sustained registrations, the query service then spent over four times the
     * CPU per registration, README "What was changed", twenty-sixth part).
     * Every entry's period is stored: a batch stores its periods before its entries, and {@link #clear} removes the
     * entries before the periods.
     */
    private Set<AwardPeriod> copyProfilesToEntries(Map<BuendnisId, Document> current) {
        Set<AwardPeriod> changed = new TreeSet<>();
        if (current.isEmpty()) {
            return changed;
        }
        List<String> ids = new ArrayList<>();
        for (Document period : periods.find().projection(new Document("_id", 1))) {
            AwardPeriod awardPeriod = AwardPeriod.of(period.getString("_id"));
            current.keySet().forEach(buendnisId -> ids.add(entryId(awardPeriod, buendnisId)));
        }
        if (ids.isEmpty()) {
            return changed;
        }
        List<WriteModel<Document>> copies = new ArrayList<>();
        for (Document entry : entries.find(Filters.in("_id", ids))
                .projection(new Document(PERIOD, 1).append(BUENDNIS_ID, 1).append(PROFILE_SEQUENCE, 1))) {
            Document profile = current.get(BuendnisId.of(entry.getString(BUENDNIS_ID)));
            Number copied = entry.get(PROFILE_SEQUENCE, Number.class);
            if (copied == null || copied.longValue() < profile.get("sequence", Number.class).longValue()) {
                copies.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", entry.get("_id")),
                        olderProfileThan(profile)), copyOf(profile)));
                changed.add(AwardPeriod.of(entry.getString(PERIOD)));
            }
        }
        if (!copies.isEmpty()) {
            entries.bulkWrite(copies, new BulkWriteOptions().ordered(false));
        }
        return changed;
    }

    private static Bson olderProfileThan(Document profile) {
        return Filters.or(Filters.exists(PROFILE_SEQUENCE, false),
                Filters.lt(PROFILE_SEQUENCE, profile.get("sequence", Number.class).longValue()));
    }

    private static Bson copyOf(Document profile) {
        return Updates.combine(
                Updates.set("name", profile.getString("name")),
                Updates.set("place", profile.getString("place")),
                Updates.set(BUNDESLAND, profile.getString(BUNDESLAND)),
                Updates.set(PROFILE_SEQUENCE, profile.get("sequence", Number.class).longValue()));
    }

    // ---- queries

    Optional<EligibilityOverview> overview(FindEligibilityQuery query) {
        return period(query.period()).map(period -> {
            Bson selection = query.bundesland() == null ? candidatesOf(query.period())
                    : Filters.and(candidatesOf(query.period()), Filters.eq(BUNDESLAND, query.bundesland().isoCode()));
            Bson filter = query.status() == null ? selection
                    : Filters.and(selection, Filters.eq(STATUS, query.status().name()));
            List<EligibilityEntry> found = new ArrayList<>();
            for (Document document : entries.find(filter).sort(Sorts.ascending(BUENDNIS_ID))) {
                found.add(read(document, EligibilityEntry.class));
            }
            return new EligibilityOverview(period.period(), period.sealName(), period.rules(), period.ceremony(),
                    period.ceremonyHeld(), period.closed(), period.werkstaetten(), counts(selection), found);
        });
    }

    /** Empty for an alliance the period does not count among its candidates (e.g. known only by a standing). */
    Optional<EligibilityEntry> entry(AwardPeriod period, BuendnisId buendnisId) {
        return Optional.ofNullable(entries.find(Filters.and(Filters.eq("_id", entryId(period, buendnisId)),
                        Filters.eq(CANDIDATE, true))).first())
                .map(document -> read(document, EligibilityEntry.class));
    }

    /**
     * The alliances on the period's invitation list ({@link AllianceFacts#invitationBasis}), ordered by id, each
     * with its profile and latest invitation; no contact person (the directory keeps those, sealed).
     */
    List<Invitee> invitees(AwardPeriod period) {
        List<Invitee> found = new ArrayList<>();
        for (Document document : entries.find(Filters.eq(PERIOD, period.label())).sort(Sorts.ascending(BUENDNIS_ID))) {
            AllianceFacts facts = read(document.get(FACTS, Document.class), AllianceFacts.class);
            GrantBasis basis = facts.invitationBasis();
            if (basis != null) {
                String land = document.getString(BUNDESLAND);
                AllianceFacts.RecordedInvitation last = facts.lastInvitation();
                found.add(new Invitee(BuendnisId.of(document.getString(BUENDNIS_ID)), document.getString("name"),
                        document.getString("place"), land == null ? null : Bundesland.ofIsoCode(land), basis, null,
                        last == null ? null : last.sentOn(), last == null ? null : last.channel()));
            }
        }
        return found;
    }

    private EligibilityCounts counts(Bson selection) {
        Map<EligibilityStatus, Integer> perStatus = new EnumMap<>(EligibilityStatus.class);
        for (Document group : entries.aggregate(List.of(Aggregates.match(selection),
                Aggregates.group("$" + STATUS, Accumulators.sum("n", 1))))) {
            perStatus.put(EligibilityStatus.valueOf(group.getString("_id")), group.get("n", Number.class).intValue());
        }
        return EligibilityCounts.of(perStatus);
    }

    private static Bson candidatesOf(AwardPeriod period) {
        return Filters.and(Filters.eq(PERIOD, period.label()), Filters.eq(CANDIDATE, true));
    }

    /**
     * Before a replay: everything goes, the indexes stay. The entries before their periods, so a reset stopped half-way
     * leaves no entry whose period is gone ({@link #copyProfilesToEntries} finds entries through their periods).
     */
    void clear() {
        ChunkedDeletes.deleteAll(entries);
        ChunkedDeletes.deleteAll(periods);
        ChunkedDeletes.deleteAll(profiles);
    }

    // ---- mapping

    private Object toBson(Object value) {
        return value == null ? null : mapper.convertValue(value, Object.class);
    }

    private Document toDocument(Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = mapper.convertValue(value, Map.class);
        return new Document(fields);
    }

    private <T> T read(Document document, Class<T> type) {
        return mapper.convertValue(document, type);
    }
}
