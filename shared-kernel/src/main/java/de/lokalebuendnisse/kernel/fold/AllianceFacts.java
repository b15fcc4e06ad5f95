package de.lokalebuendnisse.kernel.fold;

import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.eligibility.GrantedSeal;
import de.lokalebuendnisse.kernel.eligibility.RevokedSeal;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.PreviousSealStandingRecorded;
import de.lokalebuendnisse.kernel.seal.SealAwardEvent;
import de.lokalebuendnisse.kernel.seal.SealEligibility;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.seal.WerkstattAttended;
import de.lokalebuendnisse.kernel.seal.WerkstattId;

import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.InvitationChannel;
import de.lokalebuendnisse.kernel.seal.InvitationsSent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What an award period recorded of one alliance: the period's fold for that alliance. Each fact remembers the
 * sequence number of the period event it came from, and a fact only replaces one from an earlier event: so a
 * redelivered or replayed event changes nothing, and the newest fact wins whatever the order of delivery (the
 * aggregate gets its events in order; a projection may get one twice).
 *
 * @param status                 ACTIVE until the period records a standing
 * @param statusSequence         the period event of the standing; -1 while none is recorded
 * @param standingSourceSequence the sequence, in the alliance's own stream, of the event the standing was taken
 *                               from (so older news is recognised); meaningful once a standing is recorded
 * @param attendances            in the order of the period's events; the first is the grant's evidence
 * @param previousSealHeld       from the opening's list of holders, then from later standings of the previous seal
 * @param invitations            the invitations recorded as sent to the alliance, in the order of the period's events
 */
public record AllianceFacts(BuendnisStatus status,
                            long statusSequence,
                            SurveyOutcome survey,
                            long surveySequence,
                            List<RecordedAttendance> attendances,
                            boolean previousSealHeld,
                            long previousSealSequence,
                            GrantedSeal grant,
                            RevokedSeal revocation,
                            long standingSourceSequence,
                            List<RecordedInvitation> invitations) {

    /** Nothing recorded yet. */
    public static final AllianceFacts NONE = new AllianceFacts(BuendnisStatus.ACTIVE, -1, null, -1, List.of(), false, -1,
            null, null, -1, List.of());

    /** An attendance with the sequence number of its event. */
    public record RecordedAttendance(long sequence, WerkstattAttendance attendance) {
    }

    /** An invitation to Werkstätten with the sequence number of its event. */
    public record RecordedInvitation(long sequence, List<WerkstattId> werkstattIds, InvitationChannel channel,
                                     LocalDate sentOn) {

        public RecordedInvitation {
            werkstattIds = List.copyOf(werkstattIds);
        }

        /** Whether this invitation went to the same Werkstätten (in any order) by the same channel. */
        public boolean covers(Collection<WerkstattId> werkstaetten, InvitationChannel by) {
            return channel == by && Set.copyOf(werkstattIds).equals(Set.copyOf(werkstaetten));
        }
    }

    public AllianceFacts {
        attendances = attendances == null ? List.of() : List.copyOf(attendances);
        invitations = invitations == null ? List.of() : List.copyOf(invitations);
    }

    /**
     * The facts after one event of the period's stream; an event that says nothing of this alliance (or another
     * alliance's) changes nothing. The caller names the alliance: events carry it, except the opening, whose list of
     * previous holders may name it.
     *
     * @param sequence the event's sequence number in the period's stream
     * @param at       when the event was recorded
     */
    public AllianceFacts evolve(SealAwardEvent event, long sequence, Instant at) {
        if (event instanceof AwardPeriodOpened) {
            return withPreviousSeal(true, sequence); // only called for the opening's holders
        }
        if (event instanceof SurveyOutcomeRecorded e) {
            return withSurvey(e.outcome(), sequence);
        }
        if (event instanceof WerkstattAttended e) {
            return withAttendance(e.attendance(), sequence);
        }
        if (event instanceof BuendnisStandingRecorded e) {
            return withStanding(e.status(), e.sourceSequence(), sequence);
        }
        if (event instanceof PreviousSealStandingRecorded e) {
            return withPreviousSeal(e.held(), sequence);
        }
        if (event instanceof SealGranted e) {
            return withGrant(new GrantedSeal(e.sealName(), e.evidence().basis(), e.atCeremony(), e.ceremony(), at));
        }
        if (event instanceof SealRevoked e) {
            return withRevocation(new RevokedSeal(e.reason(), at));
        }
        if (event instanceof InvitationsSent e) {
            return withInvitation(new RecordedInvitation(sequence, e.werkstattIds(), e.channel(), e.sentOn()));
        }
        return this;
    }

    private AllianceFacts withStanding(BuendnisStatus newStatus, long sourceSequence, long sequence) {
        return sequence <= statusSequence ? this : new AllianceFacts(newStatus, sequence, survey, surveySequence,
                attendances, previousSealHeld, previousSealSequence, grant, revocation, sourceSequence, invitations);
    }

    private AllianceFacts withSurvey(SurveyOutcome outcome, long sequence) {
        return sequence <= surveySequence ? this : new AllianceFacts(status, statusSequence, outcome, sequence,
                attendances, previousSealHeld, previousSealSequence, grant, revocation, standingSourceSequence, invitations);
    }

    private AllianceFacts withAttendance(WerkstattAttendance attendance, long sequence) {
        if (attendances.stream().anyMatch(a -> a.sequence() == sequence)) {
            return this;
        }
        List<RecordedAttendance> all = new ArrayList<>(attendances);
        all.add(new RecordedAttendance(sequence, attendance));
        all.sort(Comparator.comparingLong(RecordedAttendance::sequence));
        return new AllianceFacts(status, statusSequence, survey, surveySequence, all, previousSealHeld,
                previousSealSequence, grant, revocation, standingSourceSequence, invitations);
    }

    private AllianceFacts withPreviousSeal(boolean held, long sequence) {
        return sequence <= previousSealSequence ? this : new AllianceFacts(status, statusSequence, survey,
                surveySequence, attendances, held, sequence, grant, revocation, standingSourceSequence, invitations);
    }

    /** The aggregate grants a seal at most once per period (a revoked one cannot be granted again). */
    private AllianceFacts withGrant(GrantedSeal granted) {
        return new AllianceFacts(status, statusSequence, survey, surveySequence, attendances, previousSealHeld,
                previousSealSequence, granted, revocation, standingSourceSequence, invitations);
    }

    private AllianceFacts withRevocation(RevokedSeal revoked) {
        return new AllianceFacts(status, statusSequence, survey, surveySequence, attendances, previousSealHeld,
                previousSealSequence, grant, revoked, standingSourceSequence, invitations);
    }

    private AllianceFacts withInvitation(RecordedInvitation invitation) {
        if (invitations.stream().anyMatch(i -> i.sequence() == invitation.sequence())) {
            return this;
        }
        List<RecordedInvitation> all = new ArrayList<>(invitations);
        all.add(invitation);
        all.sort(Comparator.comparingLong(RecordedInvitation::sequence));
        return new AllianceFacts(status, statusSequence, survey, surveySequence, attendances, previousSealHeld,
                previousSealSequence, grant, revocation, standingSourceSequence, all);
    }

    /** Whether invitations to exactly these Werkstätten by this channel are already recorded. */
    public boolean invited(Collection<WerkstattId> werkstaetten, InvitationChannel channel) {
        return invitations.stream().anyMatch(i -> i.covers(werkstaetten, channel));
    }

    /** The latest invitation recorded; null while none is. */
    public RecordedInvitation lastInvitation() {
        return invitations.isEmpty() ? null : invitations.get(invitations.size() - 1);
    }

    /**
     * Why the alliance belongs on the period's invitation list, or null when it does not: an active alliance whose
     * survey outcome is sufficient with interest in Projekt Zukunft is invited through the survey, an active
     * previous holder for renewal. Paused and dissolved alliances are invited to nothing.
     */
    public GrantBasis invitationBasis() {
        if (status != BuendnisStatus.ACTIVE) {
            return null;
        }
        if (survey != null && survey.sufficient() && survey.projektZukunftInterest()) {
            return GrantBasis.SURVEY;
        }
        return previousSealHeld ? GrantBasis.RENEWAL : null;
    }

    /** Whether the period has recorded a standing of the alliance. */
    public boolean standingRecorded() {
        return statusSequence >= 0;
    }

    public WerkstattAttendance firstAttendance() {
        return attendances.isEmpty() ? null : attendances.get(0).attendance();
    }

    /** The recorded attendance at a Werkstatt, if any. */
    public Optional<WerkstattAttendance> attendanceAt(WerkstattId werkstattId) {
        return attendances.stream().map(RecordedAttendance::attendance)
                .filter(a -> a.werkstattId().equals(werkstattId)).findFirst();
    }

    /** Holds the period's seal: granted and not revoked. */
    public boolean holdsSeal() {
        return grant != null && revocation == null;
    }

    /**
     * Whether the period counts the alliance among its candidates: previous holders, alliances with a survey
     * outcome, alliances with an attendance (a grant needs an attendance). A standing alone does not make one, but is
     * kept for when it becomes one.
     */
    public boolean candidate() {
        return previousSealHeld || survey != null || !attendances.isEmpty() || grant != null;
    }

    /** The facts {@link SealEligibility#decide} judges. */
    public SealEligibility.Facts sealFacts() {
        return new SealEligibility.Facts(status, survey, firstAttendance(), previousSealHeld, holdsSeal(),
                revocation != null);
    }
}
