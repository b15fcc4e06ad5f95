package de.lokalebuendnisse.query.seal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfile;
import de.lokalebuendnisse.kernel.buendnis.BuendnisProfileUpdated;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.VerificationCode;
import de.lokalebuendnisse.platform.positions.OwnPositions;
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
import java.util.List;

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

    @EventHandler
    void on(SealGranted event, @Timestamp Instant grantedAt, TrackedEventMessage<?> message) {
        long position = positions.of(message);
        LocalDate grantedOn = event.atCeremony() ? event.ceremony().date() : LocalDate.ofInstant(grantedAt, BERLIN);
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
        updates.add(allianceAsOf(event.buendnisId(), position));
        grants.updateOne(Filters.eq("_id", idOf(event.period(), event.buendnisId())), Updates.combine(updates),
                new UpdateOptions().upsert(true));
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
        grants.deleteMany(new Document());
        profiles.deleteMany(new Document());
    }

    /** Stored under its position (so storing it again changes nothing), then the alliance's grants are re-derived. */
    private void profile(BuendnisId buendnisId, BuendnisProfile profile, long position) {
        profiles.updateOne(Filters.eq("_id", buendnisId.value()),
                Updates.set("versions.p" + position, new Document("position", position)
                        .append("name", profile.name())
                        .append("place", profile.place())
                        .append("municipalityKey", profile.municipalityKey().value())
                        .append("bundesland", profile.bundesland().isoCode())),
                new UpdateOptions().upsert(true));
        for (Document grant : grants.find(Filters.eq("buendnisId", buendnisId.value()))) {
            Number grantPosition = grant.get("position", Number.class);
            if (grantPosition != null && grantPosition.longValue() > position) {
                grants.updateOne(Filters.eq("_id", grant.getString("_id")),
                        allianceAsOf(buendnisId, grantPosition.longValue()));
            }
        }
    }

    /** The alliance's name and place from its newest profile stored before {@code position}; empty if none is known yet. */
    private Bson allianceAsOf(BuendnisId buendnisId, long position) {
        Document stored = profiles.find(Filters.eq("_id", buendnisId.value())).first();
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
        return Updates.combine(
                Updates.set("allianceName", asOf == null ? null : asOf.getString("name")),
                Updates.set("sortName", asOf == null ? null : asOf.getString("name").toLowerCase(java.util.Locale.ROOT)),
                Updates.set("place", asOf == null ? null : asOf.getString("place")),
                Updates.set("municipalityKey", asOf == null ? null : asOf.getString("municipalityKey")),
                Updates.set("bundesland", asOf == null ? null : asOf.getString("bundesland")));
    }
}
