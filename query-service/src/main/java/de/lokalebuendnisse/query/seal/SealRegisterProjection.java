package de.lokalebuendnisse.query.seal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.VerificationCode;
import de.lokalebuendnisse.platform.mongo.ChunkedDeletes;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.projection.BatchEnd;
import de.lokalebuendnisse.query.config.QueryProjections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seal register: one document per grant (period and alliance) with its verification code, what was granted on
 * which basis, and the alliance's name and place as they were when the seal was granted. A certificate is a
 * historical document: a later renaming does not change it.
 * <p>
 * "As of the grant" is decided by event-store position, not by arrival: every profile the alliance ever had is kept
 * with the position of its event ({@value #PROFILES}), and each grant shows the newest one stored before the grant.
 * A profile event that arrives after a grant it precedes (another segment, a gap filled late) re-derives that
 * alliance's grants. Every write sets what its event states, so redelivery and replay change nothing; the code
 * derives from the grant event's identifier ({@link VerificationCode#ofGrantEvent}), so a rebuild gives the same
 * codes. The reason of a revocation is not kept here, only its date; nothing personal is.
 */
@Component
@ProcessingGroup(QueryProjections.SEAL_REGISTER)
public class SealRegisterProjection {

    static final String COLLECTION = "seal_register";
    static final String PROFILES = "seal_register_profiles";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** The position of the profile a grant shows (of its event, as in {@value #PROFILES}). */
    private static final String PROFILE_POSITION = "profilePosition";
    private static final List<String> ALLIANCE_FIELDS =
            List.of("allianceName", "sortName", "place", "municipalityKey", "bundesland");

    private final MongoCollection<Document> grants;
    private final MongoCollection<Document> profiles;
    private final OwnPositions positions;

    public SealRegisterProjection(MongoDatabase queryDatabase, OwnPositions positions) {
        this.grants = queryDatabase.getCollection(COLLECTION);
        this.profiles = queryDatabase.getCollection(PROFILES);
        this.positions = positions;
        grants.createIndex(Indexes.ascending("code"));
        grants.createIndex(Indexes.ascending("period", "sortName", "buendnisId"));
        grants.createIndex(Indexes.ascending("buendnisId"));
    }

    static String idOf(AwardPeriod period, BuendnisId buendnisId) {
        return period.id() + "/" + buendnisId.value();
    }

    /**
     * The grant is stored first and its alliance read after, as a profile is stored before the alliance's grants are
     * read ({@link ProfilesOfTheBatch}): whichever of the two runs second, also in another segment, sees the other's
     * write.
     */
    @EventHandler
    void on(SealGranted event, @Timestamp Instant grantedAt, TrackedEventMessage<?> message) {
        long position = positions.of(message);
        LocalDate grantedOn = event.atCeremony() ? event.ceremony().date() : LocalDate.ofInstant(grantedAt, BERLIN);
        String id = idOf(event.period(), event.buendnisId());
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set("code", VerificationCode.ofGrantEvent(message.getIdentifier()).value()),
                Updates.set("grantEventId", message.getIdentifier()),
                Updates.set("period", event.period().label()),
                Updates.set("buendnisId", event.buendnisId().value()),
                Updates.set("sealName", event.sealName()),
                Updates.set("grantedOn", grantedOn.toString()),
                Updates.set("atCeremony", event.atCeremony()),
                Updates.set("ceremonyDate", event.ceremony() == null ? null : event.ceremony().date().toString()),
                Updates.set("ceremonyPlace", event.ceremony() == null ? null : event.ceremony().place()),
                Updates.set("basis", event.evidence().basis().name()),
                Updates.set("previousPeriod", event.evidence().previousPeriod() == null ? null
                        : event.evidence().previousPeriod().label()),
                Updates.set("position", position)));
        // no profile known yet: the alliance's fields are there, empty, until one is
        for (String field : ALLIANCE_FIELDS) {
            updates.add(Updates.setOnInsert(field, null));
        }
        grants.updateOne(Filters.eq("_id", id), Updates.combine(updates), new UpdateOptions().upsert(true));
        Document stored = profiles.find(Filters.eq("_id", event.buendnisId().value())).first();
        showAlliance(id, asOf(stored, position));
    }

    @EventHandler
    void on(SealRevoked event, @Timestamp Instant revokedAt) {
        grants.updateOne(Filters.eq("_id", idOf(event.period(), event.buendnisId())),
                Updates.set("revokedOn", LocalDate.ofInstant(revokedAt, BERLIN).toString()),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(BuendnisRegistered event, TrackedEventMessage<?> message) {
        profile(event.buendnisId(), event.profile(), positions.of(message));
    }

    @EventHandler
    void on(BuendnisProfileUpdated event, TrackedEventMessage<?> message) {
        profile(event.buendnisId(), event.profile(), positions.of(message));
    }

    /** A rebuild starts from an empty register. */
    @ResetHandler
    void reset() {
        ChunkedDeletes.deleteAll(grants);
        ChunkedDeletes.deleteAll(profiles);
    }

    /**
     * Stored under its position (so storing it again changes nothing), then the alliance's grants are re-derived; both
     * when the processor batch ends ({@link BatchEnd}), for all its profile events with a few round trips: a replay
     * registers thousands of alliances in a row.
     */
    private void profile(BuendnisId buendnisId, BuendnisProfile profile, long position) {
        BatchEnd.collect(this, ProfilesOfTheBatch::new, batch -> batch.add(buendnisId, profile, position));
    }

    /** The profile events of a batch: the versions they store, and per alliance the earliest position among them. */
    private final class ProfilesOfTheBatch implements BatchEnd.Work {

        private final List<WriteModel<Document>> versions = new ArrayList<>();
        private final Map<String, Long> earliest = new LinkedHashMap<>();

        void add(BuendnisId buendnisId, BuendnisProfile profile, long position) {
            versions.add(new UpdateOneModel<>(Filters.eq("_id", buendnisId.value()),
                    Updates.set("versions.p" + position, new Document("position", position)
                            .append("name", profile.name())
                            .append("place", profile.place())
                            .append("municipalityKey", profile.municipalityKey().value())
                            .append("bundesland", profile.bundesland().isoCode())),
                    new UpdateOptions().upsert(true)));
            earliest.merge(buendnisId.value(), position, Math::min);
        }

        /** A grant shows another profile only if one of the batch's versions precedes it. */
        @Override
        public void finish() {
            profiles.bulkWrite(versions, new BulkWriteOptions().ordered(true));
            List<Document> outdated = new ArrayList<>();
            for (Document grant : grants.find(Filters.in("buendnisId", earliest.keySet()))
                    .projection(new Document("buendnisId", 1).append("position", 1))) {
                Number grantPosition = grant.get("position", Number.class);
                if (grantPosition != null && grantPosition.longValue() > earliest.get(grant.getString("buendnisId"))) {
                    outdated.add(grant);
                }
            }
            if (outdated.isEmpty()) {
                return;
            }
            Map<String, Document> stored = new HashMap<>();
            for (Document profile : profiles.find(Filters.in("_id",
                    outdated.stream().map(grant -> grant.getString("buendnisId")).distinct().toList()))) {
                stored.put(profile.getString("_id"), profile);
            }
            for (Document grant : outdated) {
                showAlliance(grant.getString("_id"), asOf(stored.get(grant.getString("buendnisId")),
                        grant.get("position", Number.class).longValue()));
            }
        }
    }

    /**
     * Shows the alliance as {@code version} states it in the grant, unless the grant shows a later version already:
     * the version shown only moves on, so a writer that read the alliance's profiles before another version was stored
     * cannot put back an older one. Nothing when no version is known.
     */
    private void showAlliance(String grantId, Document version) {
        if (version == null) {
            return;
        }
        long at = version.get("position", Number.class).longValue();
        grants.updateOne(Filters.and(Filters.eq("_id", grantId), Filters.or(Filters.exists(PROFILE_POSITION, false),
                        Filters.lt(PROFILE_POSITION, at))),
                Updates.combine(
                        Updates.set("allianceName", version.getString("name")),
                        Updates.set("sortName", version.getString("name").toLowerCase(Locale.ROOT)),
                        Updates.set("place", version.getString("place")),
                        Updates.set("municipalityKey", version.getString("municipalityKey")),
                        Updates.set("bundesland", version.getString("bundesland")),
                        Updates.set(PROFILE_POSITION, at)));
    }

    /** Of the alliance's stored profiles the newest stored before {@code position}; null if none is known yet. */
    private static Document asOf(Document stored, long position) {
        Document versions = stored == null ? null : stored.get("versions", Document.class);
        Document asOf = null;
        if (versions != null) {
            for (Object value : versions.values()) {
                Document version = (Document) value;
                long at = version.get("position", Number.class).longValue();
                if (at < position && (asOf == null || at > asOf.get("position", Number.class).longValue())) {
                    asOf = version;
                }
            }
        }
        return asOf;
    }
}
