package de.lokalebuendnisse.query.eligibility;

import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.eligibility.GrantedSeal;
import de.lokalebuendnisse.kernel.eligibility.RevokedSeal;
import de.lokalebuendnisse.kernel.seal.SealEligibility;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an award period recorded of one alliance, kept as the SealAward aggregate keeps it. Each fact remembers the
 * sequence number of the period event it came from, and a fact only replaces one from an earlier event: so a
 * redelivered or replayed event changes nothing, and the newest fact wins as in the aggregate, whatever the order
 * of delivery. Public because the as-of answers (query/audit/asof) fold a period's stream cut at an instant into
 * the same facts.
 *
 * @param status                ACTIVE until the period records a standing, as in the aggregate
 * @param attendances           in the order of the period's events; the first is the grant's evidence
 * @param previousSealHeld      from the opening's list of holders, then from later standings of the previous seal
 */
public record AllianceFacts(BuendnisStatus status,
                            long statusSequence,
                            SurveyOutcome survey,
                            long surveySequence,
                            List<RecordedAttendance> attendances,
                            boolean previousSealHeld,
                            long previousSealSequence,
                            GrantedSeal grant,
                            RevokedSeal revocation) {

    /** Nothing recorded yet. */
    public static final AllianceFacts NONE = new AllianceFacts(BuendnisStatus.ACTIVE, -1, null, -1, List.of(), false, -1,
            null, null);

    /** An attendance with the sequence number of its event. */
    public record RecordedAttendance(long sequence, WerkstattAttendance attendance) {
    }

    public AllianceFacts {
        attendances = attendances == null ? List.of() : List.copyOf(attendances);
    }

    public AllianceFacts withStanding(BuendnisStatus newStatus, long sequence) {
        return sequence <= statusSequence ? this : new AllianceFacts(newStatus, sequence, survey, surveySequence,
                attendances, previousSealHeld, previousSealSequence, grant, revocation);
    }

    public AllianceFacts withSurvey(SurveyOutcome outcome, long sequence) {
        return sequence <= surveySequence ? this : new AllianceFacts(status, statusSequence, outcome, sequence,
                attendances, previousSealHeld, previousSealSequence, grant, revocation);
    }

    public AllianceFacts withAttendance(WerkstattAttendance attendance, long sequence) {
        if (attendances.stream().anyMatch(a -> a.sequence() == sequence)) {
            return this;
        }
        List<RecordedAttendance> all = new ArrayList<>(attendances);
        all.add(new RecordedAttendance(sequence, attendance));
        all.sort(Comparator.comparingLong(RecordedAttendance::sequence));
        return new AllianceFacts(status, statusSequence, survey, surveySequence, all, previousSealHeld,
                previousSealSequence, grant, revocation);
    }

    public AllianceFacts withPreviousSeal(boolean held, long sequence) {
        return sequence <= previousSealSequence ? this : new AllianceFacts(status, statusSequence, survey,
                surveySequence, attendances, held, sequence, grant, revocation);
    }

    /** The aggregate grants a seal at most once per period (a revoked one cannot be granted again). */
    public AllianceFacts withGrant(GrantedSeal granted) {
        return new AllianceFacts(status, statusSequence, survey, surveySequence, attendances, previousSealHeld,
                previousSealSequence, granted, revocation);
    }

    public AllianceFacts withRevocation(RevokedSeal revoked) {
        return new AllianceFacts(status, statusSequence, survey, surveySequence, attendances, previousSealHeld,
                previousSealSequence, grant, revoked);
    }

    public WerkstattAttendance firstAttendance() {
        return attendances.isEmpty() ? null : attendances.get(0).attendance();
    }

    /**
     * Whether the aggregate counts the alliance among its candidates: previous holders, alliances with a survey
     * outcome, alliances with an attendance. A standing alone does not make one, but is kept for when it becomes one.
     */
    public boolean candidate() {
        return previousSealHeld || survey != null || !attendances.isEmpty() || grant != null;
    }

    /** The facts exactly as the SealAward aggregate passes them to {@link SealEligibility#decide}. */
    public SealEligibility.Facts sealFacts() {
        return new SealEligibility.Facts(status, survey, firstAttendance(), previousSealHeld,
                grant != null && revocation == null, revocation != null);
    }
}
