package de.lokalebuendnisse.audit.service.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an auditor's replay found: the stored history read from the first event up to {@code headPosition}, the
 * award history rebuilt from it with its digest, the chain head over the stored events, and every difference to the
 * live audit history. Run-specific values (id, times, database) are here for the record; the digest does not
 * depend on them.
 *
 * @param headPosition the position of the newest stored event when the replay started; nothing after it was read
 */
public record ReplayReport(String replayId,
                           Instant startedAt,
                           Instant finishedAt,
                           double seconds,
                           long headPosition,
                           long eventsRead,
                           double eventsPerSecond,
                           Database database,
                           Chain chain,
                           History history,
                           List<YearEvents> eventsPerYear,
                           List<Period> periods,
                           Comparison comparison) {

    /** Whether the comparison with the live history found any difference. */
    public boolean hasDifferences() {
        return comparison.compared() && comparison.differencesTotal() > 0;
    }

    /** The separate database the history was rebuilt in when kept; unless kept, the name it would have had. */
    public record Database(String name, boolean kept) {
    }

    /** The audit chain's head after the last stored event (anchors left out). */
    public record Chain(String form, long position, long eventsChained, String head) {
    }

    /** The rebuilt award history: its entries and digest, and the same per calendar year. */
    public record History(String form, String algorithm, long entries, String digest, List<YearDigest> years) {
    }

    public record YearDigest(int year, long entries, String digest) {
    }

    /** Stored events of a calendar year (Europe/Berlin), per payload type (simple name). */
    public record YearEvents(int year, long events, Map<String, Long> types) {
    }

    /** One award period: its rules as opened, and every grant, renewal and revocation with its evidence. */
    public record Period(String period,
                         String sealName,
                         Integer surveyYear,
                         String grantRule,
                         String renewalRule,
                         String previousPeriod,
                         Ceremony ceremony,
                         Closing closed,
                         List<Grant> grants,
                         List<Grant> renewals,
                         List<Revocation> revocations) {
    }

    /** @param held whether {@code AwardCeremonyHeld} was recorded; otherwise the date and place planned */
    public record Ceremony(LocalDate date, String place, boolean held) {
    }

    /** As the period's closing event states it. */
    public record Closing(LocalDate on, int sealsGranted, int sealsRevoked) {
    }

    /**
     * A grant (basis SURVEY) or renewal (basis RENEWAL), compact.
     *
     * @param grantedOn the day of the event in Europe/Berlin
     * @param caller    who granted, by name; beside it the verified subject, client and role, null in events
     *                  stored before tokens were required
     * @param survey    null for a renewal that needed none
     * @param werkstatt the attendance the grant relied on; null when none was needed
     */
    public record Grant(long position,
                        String buendnisId,
                        LocalDate grantedOn,
                        boolean atCeremony,
                        String rule,
                        String renewalRule,
                        SurveyEvidence survey,
                        AttendanceEvidence werkstatt,
                        String previousPeriod,
                        String caller,
                        String callerSubject,
                        String callerClient,
                        String callerRole) {
    }

    public record SurveyEvidence(int year,
                                 BigDecimal activityLevel,
                                 BigDecimal threshold,
                                 boolean sufficient,
                                 boolean projektZukunftInterest,
                                 String channel) {
    }

    /** @param representative the representing organisation; null when the alliance attended itself */
    public record AttendanceEvidence(String werkstattId, String place, LocalDate date, String mode,
                                     String representative) {
    }

    /** @param caller as in a grant: who revoked, by name, and the verified subject, client and role */
    public record Revocation(long position, String buendnisId, LocalDate revokedOn, String grantBasis, String reason,
                             String caller, String callerSubject, String callerClient, String callerRole) {
    }

    /**
     * The rebuilt history against the live one, year by year in position order, up to the replay's head.
     *
     * @param compared         false when no live history was reachable or reading it failed; {@code note} says why
     * @param years            the calendar years compared
     * @param differencesTotal every difference found; only the first {@code listedLimit} are listed
     */
    public record Comparison(boolean compared,
                             String source,
                             String note,
                             List<Integer> years,
                             long liveEntries,
                             long differencesTotal,
                             int listedLimit,
                             List<Difference> differences) {
    }

    /**
     * @param kind   {@code MISSING_IN_LIVE}, {@code MISSING_IN_REPLAY} or {@code FIELD}
     * @param field  for {@code FIELD}: the entry field that differs
     * @param replay the replay's value (for a missing entry: its type and position)
     * @param live   the live value
     */
    public record Difference(String kind, int year, long position, String eventId, String field, String replay,
                             String live) {

        public static final String MISSING_IN_LIVE = "MISSING_IN_LIVE";
        public static final String MISSING_IN_REPLAY = "MISSING_IN_REPLAY";
        public static final String FIELD = "FIELD";
    }
}
