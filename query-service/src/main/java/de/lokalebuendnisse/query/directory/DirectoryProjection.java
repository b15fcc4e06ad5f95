package de.lokalebuendnisse.query.directory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisEvent;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonChanged;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonRemoved;
import de.lokalebuendnisse.kernel.buendnis.PersonalDataErased;
import de.lokalebuendnisse.kernel.buendnis.PartnerAdded;
import de.lokalebuendnisse.kernel.buendnis.PartnerRemoved;
import de.lokalebuendnisse.kernel.fold.AllianceStatus;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.person.SealedPersonalData;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.survey.ActivityLevel;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.SubmissionChannel;
import de.lokalebuendnisse.kernel.survey.SurveyAmended;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import de.lokalebuendnisse.platform.mongo.ChunkedDeletes;
import de.lokalebuendnisse.platform.projection.BatchedCollection;
import de.lokalebuendnisse.query.config.QueryProjections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The directory: one document per Bündnis with its profile, partners, status, seals and newest survey result, and
 * beside it the alliance's search document ({@link DirectorySearch}) with what pages filter and sort by.
 * <p>
 * Idempotent by construction: every handler sets fields to what its event states (no counters), so a redelivered
 * or replayed event leaves the document as it was. Counts (partners per type) are written with each change of the
 * partner map, as the stored map then counts. Events from seal periods and survey campaigns may reach an alliance's
 * document before its registration when the processor runs several segments; the upserts then create it, and
 * {@code registered} keeps it out of the answers until the registration arrives.
 * <p>
 * Contact persons are kept as the events carry them: id, primary flag and the details SEALED with the person's key.
 * The directory's store never holds them in plain; the query handler opens them through the one cipher at read
 * time, so erasing the key (crypto-shredding) empties them here too, even before the erasure event is projected or
 * when a rebuild replays the old sealed values.
 */
@Component
@ProcessingGroup(QueryProjections.DIRECTORY)
public class DirectoryProjection {

    static final String COLLECTION = "directory";
    /** Per person id: {@code primary} and the sealed details ({@code algorithm}, {@code iv}, {@code ciphertext}). */
    static final String CONTACTS = "contacts";
    private static final String PARTNERS = "partners";
    private static final String PARTNERS_BY_TYPE = "partnersByType";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final MongoCollection<Document> directory;
    private final MongoCollection<Document> search;
    /** The directory as the handlers change it: per processor batch read once and written in one bulk write. */
    private final BatchedCollection documents;
    /** The search documents ({@link DirectorySearch}), written only when what a page filters or sorts by changed. */
    private final BatchedCollection searchDocuments;

    public DirectoryProjection(MongoDatabase queryDatabase) {
        this.directory = queryDatabase.getCollection(COLLECTION);
        this.search = queryDatabase.getCollection(DirectorySearch.COLLECTION);
        this.documents = new BatchedCollection(directory, DirectoryProjection::allianceOf);
        this.searchDocuments = new BatchedCollection(search, DirectoryProjection::allianceOf);
        // pages are found in the search documents, one alliance by its _id: the directory needs no other index
        DirectorySearch.declareIndexes(search);
        DirectorySearch.fillFrom(directory, search);
    }

    /** The alliance whose document an event's handler changes: a batch loads them all at once. */
    private static Object allianceOf(Object event) {
        if (event instanceof BuendnisEvent alliance) {
            return alliance.buendnisId().value();
        } else if (event instanceof SurveySubmitted survey) {
            return survey.buendnisId().value();
        } else if (event instanceof SurveyAmended survey) {
            return survey.buendnisId().value();
        } else if (event instanceof SealGranted seal) {
            return seal.buendnisId().value();
        } else if (event instanceof SealRevoked seal) {
            return seal.buendnisId().value();
        }
        return null;
    }

    @EventHandler
    void on(BuendnisRegistered event) {
        change(event.buendnisId(), Updates.combine(profileUpdates(event.profile()),
                Updates.set("registered", true),
                Updates.set("status", AllianceStatus.changedBy(event).orElseThrow().name())),
                DirectoryProjection::partnerCounts);
    }

    @EventHandler
    void on(BuendnisProfileUpdated event) {
        change(event.buendnisId(), profileUpdates(event.profile()));
    }

    @EventHandler
    void on(PartnerAdded event) {
        String partner = event.partnerId().value();
        String type = event.type().name();
        change(event.buendnisId(), Updates.combine(
                Updates.set(PARTNERS + "." + partner, new Document("name", event.name()).append("type", type)),
                documents.read(event.buendnisId().value(), current -> partnerCountsAfter(current, partner, type))));
    }

    @EventHandler
    void on(PartnerRemoved event) {
        String partner = event.partnerId().value();
        change(event.buendnisId(), Updates.combine(Updates.unset(PARTNERS + "." + partner),
                documents.read(event.buendnisId().value(), current -> partnerCountsAfter(current, partner, null))));
    }

    @EventHandler
    void on(BuendnisPaused event) {
        status(event);
    }

    @EventHandler
    void on(BuendnisResumed event) {
        status(event);
    }

    @EventHandler
    void on(BuendnisDissolved event) {
        status(event);
    }

    @EventHandler
    void on(SealGranted event, @Timestamp Instant grantedAt) {
        LocalDate grantedOn = event.atCeremony() ? event.ceremony().date() : LocalDate.ofInstant(grantedAt, BERLIN);
        change(event.buendnisId(), Updates.combine(
                Updates.set("seals." + event.period().id(), new Document("period", event.period().label())
                        .append("sealName", event.sealName())
                        .append("basis", event.evidence().basis().name())
                        .append("grantedOn", grantedOn.toString())
                        .append("revoked", false)),
                Updates.addToSet("sealsHeld", event.period().label())));
    }

    @EventHandler
    void on(SealRevoked event) {
        String seal = "seals." + event.period().id();
        change(event.buendnisId(), Updates.combine(
                Updates.set(seal + ".period", event.period().label()),
                Updates.set(seal + ".revoked", true),
                Updates.set(seal + ".revokedReason", event.reason()),
                Updates.pull("sealsHeld", event.period().label())));
    }

    @EventHandler
    void on(SurveySubmitted event) {
        recordSurvey(event.buendnisId(), event.year(), event.activityLevel(), event.threshold(), event.sufficient(),
                event.projektZukunftInterest(), event.channel());
    }

    @EventHandler
    void on(SurveyAmended event) {
        recordSurvey(event.buendnisId(), event.year(), event.activityLevel(), event.threshold(), event.sufficient(),
                event.projektZukunftInterest(), event.channel());
    }

    @EventHandler
    void on(ContactPersonAdded event) {
        contact(event.buendnisId(), event.personId(), event.data(), event.primary());
    }

    /** The details come whole and sealed anew: the stored value is replaced, not merged. */
    @EventHandler
    void on(ContactPersonChanged event) {
        contact(event.buendnisId(), event.personId(), event.data(), event.primary());
    }

    @EventHandler
    void on(ContactPersonRemoved event) {
        dropContact(event.buendnisId(), event.personId());
    }

    /** The sealed copy goes too: unreadable without the key, but nothing of an erased person is kept that need not be. */
    @EventHandler
    void on(PersonalDataErased event) {
        dropContact(event.buendnisId(), event.personId());
    }

    private void contact(BuendnisId buendnisId, PersonId personId, SealedPersonalData data, boolean primary) {
        change(buendnisId, Updates.set(CONTACTS + "." + personId.value(),
                new Document("primary", primary)
                        .append("algorithm", data.algorithm())
                        .append("iv", data.iv())
                        .append("ciphertext", data.ciphertext())),
                DirectoryProjection::contactCount);
    }

    private void dropContact(BuendnisId buendnisId, PersonId personId) {
        change(buendnisId, Updates.unset(CONTACTS + "." + personId.value()),
                DirectoryProjection::contactCount);
    }

    /** Like the partner counts: derived from what is stored as the change leaves it; a redelivery cannot miscount. */
    private static Bson contactCount(BsonDocument current) {
        BsonDocument contacts = current.getDocument(CONTACTS, null);
        return Updates.set("contactCount", contacts == null ? 0 : contacts.size());
    }

    /** The status the event sets, as the kernel's fold of an alliance's stream has it. */
    private void status(BuendnisEvent event) {
        change(event.buendnisId(), Updates.set("status", AllianceStatus.changedBy(event).orElseThrow().name()));
    }

    /**
     * A rebuild starts from an empty directory. The search documents go first: a stop between the two leaves
     * directory documents without them, which the next start derives again ({@link DirectorySearch#fillFrom}).
     */
    @ResetHandler
    void reset() {
        ChunkedDeletes.deleteAll(search);
        ChunkedDeletes.deleteAll(directory);
    }

    /** Only a newer (or the same) campaign replaces the shown result: a late amendment of 2023 leaves 2024 standing. */
    private void recordSurvey(BuendnisId buendnisId, CampaignYear year, ActivityLevel level, BigDecimal threshold,
                              boolean sufficient, boolean interest, SubmissionChannel channel) {
        Integer shownYear = documents.read(buendnisId.value(), current -> {
            BsonDocument shown = current == null ? null : current.getDocument("lastSurvey", null);
            return shown == null ? null : shown.getInt32("year").getValue();
        });
        if (shownYear != null && shownYear > year.value()) {
            return;
        }
        change(buendnisId, Updates.set("lastSurvey", new Document("year", year.value())
                .append("activityLevel", level.mean().doubleValue())
                .append("activityLevelText", level.mean().toPlainString())
                .append("threshold", threshold.toPlainString())
                .append("sufficient", sufficient)
                .append("projektZukunftInterest", interest)
                .append("channel", channel.name())));
    }

    private static Bson profileUpdates(BuendnisProfile profile) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.set("name", profile.name()));
        updates.add(Updates.set("sortName", SearchText.fold(profile.name())));
        updates.add(Updates.set("place", profile.place()));
        updates.add(Updates.set("sortPlace", SearchText.fold(profile.place())));
        updates.add(Updates.set("searchText", SearchText.fold(profile.name() + " " + profile.place())));
        updates.add(Updates.set("municipalityKey", profile.municipalityKey().value()));
        updates.add(Updates.set("bundesland", profile.bundesland().isoCode()));
        updates.add(Updates.set("organisationForm", profile.organisationForm().name()));
        updates.add(Updates.set("foundedOn", profile.foundedOn().toString()));
        updates.add(Updates.set("website", profile.website()));
        updates.add(Updates.set("fieldsOfAction", profile.fieldsOfAction().stream().map(Enum::name).toList()));
        updates.add(Updates.set("futureTopics", profile.futureTopics().stream().map(Enum::name).toList()));
        return Updates.combine(updates);
    }

    /**
     * Counts follow from the stored partners as the change leaves them (written with the change, in one upsert), so
     * they are right however often an event arrives.
     */
    private static Bson partnerCounts(BsonDocument current) {
        return countsUpdate(recount(current));
    }

    /**
     * The counts once {@code partnerId} has {@code type} (null: removed), from the counts stored beside the partners
     * and the partner's stored type. The stored counts are always those of the stored partners (each change writes
     * both in one upsert), so this is what a recount gives; a recount per partner event made a rebuild quadratic in
     * an alliance's partners (40 % of the directory's handling at a million events). A document without stored
     * counts is recounted.
     */
    private static Bson partnerCountsAfter(BsonDocument current, String partnerId, String type) {
        BsonDocument stored = current == null ? null : current.getDocument(PARTNERS_BY_TYPE, null);
        Map<String, Integer> perType = stored == null ? recount(current) : new TreeMap<>();
        if (stored != null) {
            stored.forEach((storedType, count) -> perType.put(storedType, count.asNumber().intValue()));
        }
        BsonValue before = current == null || !current.isDocument(PARTNERS) ? null
                : current.getDocument(PARTNERS).get(partnerId);
        if (before != null) {
            perType.computeIfPresent(before.asDocument().getString("type").getValue(),
                    (oldType, count) -> count > 1 ? count - 1 : null);
        }
        if (type != null) {
            perType.merge(type, 1, Integer::sum);
        }
        return countsUpdate(perType);
    }

    private static Map<String, Integer> recount(BsonDocument current) {
        Map<String, Integer> perType = new TreeMap<>();
        if (current != null && current.isDocument(PARTNERS)) {
            for (BsonValue partner : current.getDocument(PARTNERS).values()) {
                perType.merge(partner.asDocument().getString("type").getValue(), 1, Integer::sum);
            }
        }
        return perType;
    }

    /** Types without partners are left out. */
    private static Bson countsUpdate(Map<String, Integer> perType) {
        int count = 0;
        for (int ofType : perType.values()) {
            count += ofType;
        }
        return Updates.combine(Updates.set("partnerCount", count),
                Updates.set(PARTNERS_BY_TYPE, new Document(new TreeMap<String, Object>(perType))));
    }

    private void change(BuendnisId buendnisId, Bson update) {
        documents.upsert(buendnisId.value(), update);
        keepSearchable(buendnisId.value());
    }

    private void change(BuendnisId buendnisId, Bson update, Function<BsonDocument, Bson> derive) {
        documents.upsert(buendnisId.value(), update, derive);
        keepSearchable(buendnisId.value());
    }

    /**
     * Writes the alliance's search document when it differs from the stored one: compared with what is stored, not
     * with the directory document before the change, so a batch handled again after a stop between the two
     * collections' writes mends the search document too. Most events (partners, contacts) change nothing there.
     */
    private void keepSearchable(String id) {
        BsonDocument wanted = documents.read(id, DirectorySearch::of);
        if (wanted != null && !searchDocuments.read(id, wanted::equals)) {
            searchDocuments.replace(id, wanted);
        }
    }
}
