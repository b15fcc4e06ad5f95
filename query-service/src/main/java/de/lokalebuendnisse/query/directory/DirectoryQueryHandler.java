package de.lokalebuendnisse.query.directory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.FieldOfAction;
import de.lokalebuendnisse.kernel.buendnis.FutureTopic;
import de.lokalebuendnisse.kernel.buendnis.OrganisationForm;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.directory.DirectoryContact;
import de.lokalebuendnisse.kernel.directory.DirectoryEntry;
import de.lokalebuendnisse.kernel.directory.DirectoryPage;
import de.lokalebuendnisse.kernel.directory.DirectoryPartner;
import de.lokalebuendnisse.kernel.directory.DirectorySeal;
import de.lokalebuendnisse.kernel.directory.DirectorySort;
import de.lokalebuendnisse.kernel.directory.DirectoryStats;
import de.lokalebuendnisse.kernel.directory.DirectorySurvey;
import de.lokalebuendnisse.kernel.directory.FetchDirectoryStatsQuery;
import de.lokalebuendnisse.kernel.directory.FindDirectoryEntriesQuery;
import de.lokalebuendnisse.kernel.directory.FindDirectoryEntryQuery;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.platform.personal.ContactDisplay;
import de.lokalebuendnisse.platform.personal.PersonalDataCipher;
import de.lokalebuendnisse.platform.projection.ProjectionAnswers;
import de.lokalebuendnisse.platform.projection.Projections;
import de.lokalebuendnisse.query.config.QueryProjections;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Projections.include;

/**
 * Answers the directory queries from its MongoDB collection. User text never becomes an operator: filters are built
 * from parsed enums and value objects, and search words are folded to letters and digits before they form a
 * regular expression (see {@link SearchText}).
 * <p>
 * Contact persons are opened here, at read time, through the one {@link PersonalDataCipher}; only the answer about
 * one alliance carries them, and only when asked for (a list, and a caller not entitled to them, get the count alone). A contact whose key is already gone shows the
 * placeholder in every personal field.
 */
@Component
public class DirectoryQueryHandler {

    private static final Map<DirectorySort, String> SORT_FIELD = Map.of(
            DirectorySort.NAME, "sortName",
            DirectorySort.PLACE, "sortPlace",
            DirectorySort.BUNDESLAND, "bundesland",
            DirectorySort.FOUNDED_ON, "foundedOn",
            DirectorySort.ACTIVITY_LEVEL, "lastSurvey.activityLevel");

    private final MongoCollection<Document> directory;
    /** Where pages and counts are found: per alliance the fields they filter and sort by ({@link DirectorySearch}). */
    private final MongoCollection<Document> search;
    private final PersonalDataCipher cipher;

    /**
     * Pages and counts read many documents (on the stand-in every one of them: it has no secondary indexes), so they
     * are computed once per state of the directory; one alliance is read by its id, and its contacts are never kept.
     */
    private final ProjectionAnswers answers;

    @Autowired
    public DirectoryQueryHandler(MongoDatabase queryDatabase, PersonalDataCipher cipher, Projections projections) {
        this(queryDatabase, cipher, ProjectionAnswers.of(projections, QueryProjections.DIRECTORY, 256));
    }

    /** Without kept answers, for the projection's tests where no processor runs. */
    public DirectoryQueryHandler(MongoDatabase queryDatabase, PersonalDataCipher cipher) {
        this(queryDatabase, cipher, ProjectionAnswers.none());
    }

    DirectoryQueryHandler(MongoDatabase queryDatabase, PersonalDataCipher cipher, ProjectionAnswers answers) {
        this.directory = queryDatabase.getCollection(DirectoryProjection.COLLECTION);
        this.search = queryDatabase.getCollection(DirectorySearch.COLLECTION);
        this.cipher = cipher;
        this.answers = answers;
    }

    @QueryHandler
    public DirectoryPage find(FindDirectoryEntriesQuery query) {
        return answers.get(query, () -> page(query));
    }

    private DirectoryPage page(FindDirectoryEntriesQuery query) {
        if (query.text() != null && SearchText.words(query.text()).isEmpty()) {
            // a search of punctuation alone matches nothing rather than everything
            return new DirectoryPage(0, query.page(), query.size(), List.of());
        }
        Bson filter = filterOf(query);
        // counted once per filter and state: another page of the same search then reads the documents only once
        // (the stand-in matches every document for a count as for a page)
        long total = answers.get(new MatchCount(filter.toBsonDocument(BsonDocument.class, search.getCodecRegistry())),
                () -> search.countDocuments(filter));
        String field = SORT_FIELD.get(query.sort() == null ? DirectorySort.NAME : query.sort());
        Bson sort = query.descending()
                ? Sorts.orderBy(Sorts.descending(field), Sorts.ascending("_id"))
                : Sorts.orderBy(Sorts.ascending(field), Sorts.ascending("_id"));
        List<Object> ids = new ArrayList<>();
        search.find(filter).sort(sort).skip(query.page() * query.size()).limit(query.size())
                .projection(include("_id")).forEach(found -> ids.add(found.get("_id")));
        // the page's whole documents by their ids (the primary index on every store), put back in the page's order
        Map<Object, Document> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            directory.find(Filters.in("_id", ids)).forEach(document -> byId.put(document.get("_id"), document));
        }
        List<DirectoryEntry> entries = new ArrayList<>();
        for (Object id : ids) {
            Document document = byId.get(id);
            // a document changed between the two reads is shown as it is now; registered stays registered
            if (document != null) {
                entries.add(entryOf(document, null));
            }
        }
        return new DirectoryPage(total, query.page(), query.size(), entries);
    }

    @QueryHandler
    public DirectoryEntry find(FindDirectoryEntryQuery query) {
        // by _id alone, the one shape every store answers from its primary index (the stand-in scanned the whole
        // collection for {_id, registered}, a miss 20 times dearer than a hit); "registered" is checked here
        Document document = directory.find(Filters.eq("_id", query.buendnisId().value())).first();
        if (document == null || !document.getBoolean("registered", false)) {
            return null;
        }
        // not opened at all unless asked for: a key is read only where personal data is shown
        return entryOf(document, query.withContacts() ? contactsOf(document) : null);
    }

    @QueryHandler
    public DirectoryStats stats(FetchDirectoryStatsQuery query) {
        return answers.get(query, this::countAll);
    }

    private DirectoryStats countAll() {
        Bson registered = Filters.eq("registered", true);
        Map<String, Long> perBundesland = new LinkedHashMap<>();
        for (Bundesland land : Bundesland.values()) {
            perBundesland.put(land.isoCode(), 0L);
        }
        perBundesland.putAll(countBy(registered, "$bundesland"));
        Map<String, Long> perStatus = new LinkedHashMap<>();
        for (BuendnisStatus status : BuendnisStatus.values()) {
            perStatus.put(status.name(), 0L);
        }
        perStatus.putAll(countBy(registered, "$status"));
        Map<String, Long> perSeal = new TreeMap<>();
        search.aggregate(List.of(Aggregates.match(registered), Aggregates.unwind("$sealsHeld"),
                        Aggregates.group("$sealsHeld", Accumulators.sum("count", 1))))
                .forEach(group -> perSeal.put(group.getString("_id"), ((Number) group.get("count")).longValue()));
        return new DirectoryStats(search.countDocuments(registered), perBundesland, perStatus, perSeal);
    }

    private Map<String, Long> countBy(Bson filter, String field) {
        Map<String, Long> counts = new TreeMap<>();
        search.aggregate(List.of(Aggregates.match(filter), Aggregates.group(field, Accumulators.sum("count", 1))))
                .forEach(group -> counts.put(group.getString("_id"), ((Number) group.get("count")).longValue()));
        return counts;
    }

    private static Bson filterOf(FindDirectoryEntriesQuery query) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("registered", true));
        if (query.text() != null) {
            for (String word : SearchText.words(query.text())) {
                // SearchText leaves letters and digits only; quoting keeps it so should that ever change
                filters.add(Filters.regex("searchText", Pattern.quote(word)));
            }
        }
        if (query.bundesland() != null) {
            filters.add(Filters.eq("bundesland", query.bundesland().isoCode()));
        }
        if (query.topic() != null) {
            filters.add(Filters.eq("futureTopics", query.topic().name()));
        }
        if (query.status() != null) {
            filters.add(Filters.eq("status", query.status().name()));
        }
        if (query.form() != null) {
            filters.add(Filters.eq("organisationForm", query.form().name()));
        }
        if (query.seal() != null) {
            filters.add(Filters.eq("sealsHeld", query.seal().label()));
        }
        return Filters.and(filters);
    }

    private static DirectoryEntry entryOf(Document d, List<DirectoryContact> contacts) {
        List<DirectoryPartner> partners = new ArrayList<>();
        Document partnerMap = d.get("partners", Document.class);
        if (partnerMap != null) {
            partnerMap.forEach((id, value) -> {
                Document partner = (Document) value;
                partners.add(new DirectoryPartner(id, partner.getString("name"),
                        PartnerType.valueOf(partner.getString("type"))));
            });
        }
        Map<PartnerType, Integer> perType = new EnumMap<>(PartnerType.class);
        Document types = d.get("partnersByType", Document.class);
        if (types != null) {
            types.forEach((type, count) -> perType.put(PartnerType.valueOf(type), ((Number) count).intValue()));
        }
        List<DirectorySeal> seals = new ArrayList<>();
        Document sealMap = d.get("seals", Document.class);
        if (sealMap != null) {
            new TreeMap<>(sealMap).values().forEach(value -> {
                Document seal = (Document) value;
                seals.add(new DirectorySeal(seal.getString("period"), seal.getString("sealName"),
                        seal.getString("basis") == null ? null : GrantBasis.valueOf(seal.getString("basis")),
                        seal.getString("grantedOn") == null ? null : LocalDate.parse(seal.getString("grantedOn")),
                        seal.getBoolean("revoked", false), seal.getString("revokedReason")));
            });
        }
        Document survey = d.get("lastSurvey", Document.class);
        String land = d.getString("bundesland");
        return new DirectoryEntry(d.getString("_id"), d.getString("name"), d.getString("place"),
                d.getString("municipalityKey"), land, land == null ? null : Bundesland.ofIsoCode(land).germanName(),
                enumOrNull(OrganisationForm.class, d.getString("organisationForm")),
                d.getString("foundedOn") == null ? null : LocalDate.parse(d.getString("foundedOn")),
                d.getString("website"),
                d.getList("fieldsOfAction", String.class, List.of()).stream().map(FieldOfAction::valueOf).toList(),
                d.getList("futureTopics", String.class, List.of()).stream().map(FutureTopic::valueOf).toList(),
                enumOrNull(BuendnisStatus.class, d.getString("status")),
                d.getInteger("partnerCount", 0), perType, partners,
                d.getList("sealsHeld", String.class, List.of()).stream().sorted().toList(), seals,
                survey == null ? null : new DirectorySurvey(survey.getInteger("year"),
                        new BigDecimal(survey.getString("activityLevelText")),
                        new BigDecimal(survey.getString("threshold")), survey.getBoolean("sufficient"),
                        survey.getBoolean("projektZukunftInterest"),
                        SubmissionChannel.valueOf(survey.getString("channel"))),
                d.getInteger("contactCount", 0), contacts);
    }

    /** Opened now, primary first, then in the order they were added. */
    private List<DirectoryContact> contactsOf(Document d) {
        Document stored = d.get(DirectoryProjection.CONTACTS, Document.class);
        List<DirectoryContact> contacts = new ArrayList<>();
        if (stored == null) {
            return contacts;
        }
        stored.forEach((id, value) -> {
            Document contact = (Document) value;
            PersonId personId = PersonId.of(id);
            ContactDisplay shown = cipher.display(personId, new SealedPersonalData(contact.getString("algorithm"),
                    contact.getString("iv"), contact.getString("ciphertext")));
            boolean primary = contact.getBoolean("primary", false);
            DirectoryContact entry = new DirectoryContact(id, primary, shown.name(), shown.function(),
                    shown.functionLabel(), shown.engagement(), shown.engagementLabel(), shown.email(), shown.phone(),
                    shown.language(), shown.erased());
            if (primary) {
                contacts.add(0, entry);
            } else {
                contacts.add(entry);
            }
        });
        return contacts;
    }

    /** The key of a kept count: the filter as MongoDB gets it. */
    private record MatchCount(BsonDocument filter) {
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }
}
