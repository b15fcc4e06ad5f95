package de.lokalebuendnisse.audit.service.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.lokalebuendnisse.kernel.audit.AuditEntry;
import de.lokalebuendnisse.kernel.audit.AuditReasons;
import de.lokalebuendnisse.kernel.buendnis.BuendnisDissolved;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisPaused;
import de.lokalebuendnisse.kernel.buendnis.BuendnisRegistered;
import de.lokalebuendnisse.kernel.buendnis.BuendnisResumed;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonChanged;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonRemoved;
import de.lokalebuendnisse.kernel.buendnis.PersonalDataErased;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.InvitationsSent;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattScheduled;
import de.lokalebuendnisse.kernel.survey.CampaignYear;
import de.lokalebuendnisse.kernel.survey.SurveyAmended;
import de.lokalebuendnisse.kernel.survey.SurveyAnswersImported;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignClosed;
import de.lokalebuendnisse.kernel.survey.SurveyCampaignOpened;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import de.lokalebuendnisse.platform.mongo.ChunkedDeletes;
import de.lokalebuendnisse.platform.positions.OwnPositions;
import de.lokalebuendnisse.platform.projection.BatchedCollection;
import de.lokalebuendnisse.audit.service.config.AuditProjections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Revision;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.function.LongSupplier;

import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER_CLIENT;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER_ROLE;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CALLER_SUBJECT;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CAUSATION_ID;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.CORRELATION_ID;
import static de.lokalebuendnisse.platform.messaging.MetadataKeys.PROCESS;

/**
 * The yearly audit history: one document per award-relevant event, listed under the calendar year (Europe/Berlin)
 * of its timestamp, ordered by its event-store position, with the caller's identity (name, and since tokens are
 * required the verified subject, client and role; null in events stored before) and the correlation from its
 * metadata, and a German reason from {@link AuditReasons}.
 * <p>
 * Not recorded: {@code SurveyOutcomeRecorded}, {@code BuendnisStandingRecorded} and
 * {@code PreviousSealStandingRecorded}. The award intake process writes them into each open period as copies of
 * facts this history already lists where they happened (a submission or amendment, a pause, resumption or
 * dissolution, a grant or revocation of the previous period); listing them too would show one fact once per open
 * period. What a grant relied on of them is in its evidence. Profile and partner changes decide nothing.
 * <p>
 * Contact persons are recorded by id with a reason that names no personal data: who was added, changed, removed,
 * and whose data was erased on which legal ground, so the erasure itself stays accountable.
 */
@Component
@ProcessingGroup(AuditProjections.AUDIT_HISTORY)
public class AuditHistoryProjection {

    /** The initiative is German; the year an auditor asks for is the year on a German calendar. */
    public static final ZoneId YEAR_ZONE = ZoneId.of("Europe/Berlin");

    /**
     * Where the entries go. The live history replaces each document as its event arrives, sent with its processor
     * batch before the batch's token ({@link BatchedCollection}); an auditor's replay writes into a database of
     * its own and may batch freely, since nothing reads it before the replay has finished.
     */
    public interface Writer {

        /** Stores the entry under {@code year}, replacing any entry of the same event. */
        void write(int year, AuditEntry entry);

        /** Removes every entry, before a replay. */
        void clear();
    }

    private final Writer writer;
    private final OwnPositions positions;

    @Autowired
    public AuditHistoryProjection(MongoDatabase queryDatabase, OwnPositions positions, EventHistory history) {
        this(queryDatabase, positions, history::headPosition);
    }

    /** @param headPosition the event store's newest position (to derive listings missing from an older version) */
    public AuditHistoryProjection(MongoDatabase queryDatabase, OwnPositions positions, LongSupplier headPosition) {
        this(collectionWriter(queryDatabase.getCollection(AuditDocuments.COLLECTION),
                queryDatabase.getCollection(AuditListings.COLLECTION), headPosition), positions);
    }

    /** @param positions where each event is stored: its own position, not its token's (see {@link OwnPositions}) */
    public AuditHistoryProjection(Writer writer, OwnPositions positions) {
        this.writer = writer;
        this.positions = positions;
    }

    /**
     * Replaces by the event's identifier, so a redelivered event leaves one unchanged document, and lists its position
     * under its year and period ({@link AuditListings}) after it.
     */
    private static Writer collectionWriter(MongoCollection<Document> entries, MongoCollection<Document> listings,
                                           LongSupplier headPosition) {
        entries.createIndex(Indexes.ascending(AuditDocuments.YEAR, AuditDocuments.POSITION));
        // one entry per event, so one per position: what the replay's comparison reads by (MongoLiveHistory), and a
        // unique index is the only kind the embedded stand-in answers from
        entries.createIndex(Indexes.ascending(AuditDocuments.POSITION),
                new IndexOptions().unique(true).name(AuditDocuments.POSITION_INDEX));
        AuditListings.deriveIfMissing(entries, listings, headPosition);
        // first used in each batch, so its writes go out before the listings' (BatchFlushInterceptor keeps that order)
        BatchedCollection batched = new BatchedCollection(entries);
        BatchedCollection listed = new BatchedCollection(listings);
        return new Writer() {
            @Override
            public void write(int year, AuditEntry entry) {
                batched.replace(entry.eventId(), AuditDocuments.toDocument(year, entry));
                AuditListings.list(listed, AuditListings.ofYear(year), entry.position());
                if (entry.period() != null) {
                    AuditListings.list(listed, AuditListings.ofPeriod(entry.period()), entry.position());
                }
            }

            @Override
            public void clear() {
                ChunkedDeletes.deleteAll(entries);
                AuditListings.clear(listings);
            }
        };
    }

    // --- survey campaign ---------------------------------------------------------------------------------------

    @EventHandler
    void on(SurveyCampaignOpened event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), null, null, event.year());
    }

    @EventHandler
    void on(SurveySubmitted event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), null, event.year());
    }

    @EventHandler
    void on(SurveyAmended event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), null, event.year());
    }

    @EventHandler
    void on(SurveyAnswersImported event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), null, null, event.year());
    }

    @EventHandler
    void on(SurveyCampaignClosed event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), null, null, event.year());
    }

    // --- award period ------------------------------------------------------------------------------------------

    @EventHandler
    void on(AwardPeriodOpened event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), null, event.period(), event.surveyYear());
    }

    @EventHandler
    void on(WerkstattScheduled event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), null, event.period(), null);
    }

    @EventHandler
    void on(WerkstattAttended event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), event.period(), null);
    }

    /** Listed with the campaign its evidence came from, so a campaign's consequences can be followed. */
    @EventHandler
    void on(SealGranted event, EventMessage<?> message) {
        CampaignYear campaign = event.evidence().survey() == null ? null : event.evidence().survey().year();
        record(message, AuditReasons.of(event), event.buendnisId(), event.period(), campaign);
    }

    @EventHandler
    void on(AwardCeremonyHeld event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), null, event.period(), null);
    }

    @EventHandler
    void on(SealRevoked event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), event.period(), null);
    }

    /** One entry for the whole mailing, listed with the period: its reason names every alliance invited. */
    @EventHandler
    void on(InvitationsSent event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), null, event.period(), null);
    }

    @EventHandler
    void on(AwardPeriodClosed event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), null, event.period(), null);
    }

    // --- Bündnis: whether it may take part at all ---------------------------------------------------------------

    /** The only event that names the alliance; it also starts its right to take part. */
    @EventHandler
    void on(BuendnisRegistered event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), null, null);
    }

    @EventHandler
    void on(BuendnisPaused event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), null, null);
    }

    /** Ends a pause; without it the history would leave the alliance paused. */
    @EventHandler
    void on(BuendnisResumed event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), null, null);
    }

    @EventHandler
    void on(BuendnisDissolved event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), null, null);
    }

    // --- contact persons: who stands for the alliance, and the erasure of a person's data -------------------------

    /** Recorded by person id alone: the sealed details never reach the history (see {@link AuditReasons}). */
    @EventHandler
    void on(ContactPersonAdded event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), null, null);
    }

    @EventHandler
    void on(ContactPersonChanged event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), null, null);
    }

    @EventHandler
    void on(ContactPersonRemoved event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), null, null);
    }

    /** The erasure is accountable (Art. 5(2) GDPR): who erased whose data on which ground stays in the history. */
    @EventHandler
    void on(PersonalDataErased event, EventMessage<?> message) {
        record(message, AuditReasons.of(event), event.buendnisId(), null, null);
    }

    /** Before a replay: the replay writes every document again. */
    @ResetHandler
    void reset() {
        writer.clear();
    }

    private void record(EventMessage<?> message, String reason, BuendnisId buendnisId,
                        AwardPeriod period, CampaignYear campaignYear) {
        AuditEntry entry = entryOf(message, positionOf(message), reason, buendnisId, period, campaignYear);
        int year = message.getTimestamp().atZone(YEAR_ZONE).getYear();
        writer.write(year, entry);
    }

    /**
     * The event's own position in the store. Not its token's: an event that commits after a later one arrives with
     * a token standing at that later one, and recording that put two entries on one position.
     */
    private long positionOf(EventMessage<?> message) {
        // without a position the entry could not be ordered; failing sends the event to the dead-letter queue
        if (!(message instanceof TrackedEventMessage<?> tracked)) {
            throw new IllegalStateException("event " + message.getIdentifier() + " arrived without an event-store "
                    + "position; the audit history cannot order it");
        }
        return positions.of(tracked);
    }

    private static AuditEntry entryOf(EventMessage<?> message, long position, String reason,
                                      BuendnisId buendnisId, AwardPeriod period, CampaignYear campaignYear) {
        String aggregateId = null;
        long sequenceNumber = -1;
        if (message instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            sequenceNumber = domain.getSequenceNumber();
        }
        Revision revision = message.getPayloadType().getAnnotation(Revision.class);
        return new AuditEntry(message.getIdentifier(), position, message.getTimestamp(),
                message.getPayloadType().getSimpleName(), revision == null ? null : revision.value(),
                aggregateId, sequenceNumber,
                buendnisId == null ? null : buendnisId.value(),
                period == null ? null : period.label(),
                campaignYear == null ? null : campaignYear.value(),
                metaData(message, CALLER), metaData(message, CALLER_SUBJECT), metaData(message, CALLER_CLIENT),
                metaData(message, CALLER_ROLE), metaData(message, CORRELATION_ID), metaData(message, CAUSATION_ID),
                metaData(message, PROCESS), reason);
    }

    private static String metaData(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
