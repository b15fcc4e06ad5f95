package de.lokalebuendnisse.audit.service.replay;

import de.lokalebuendnisse.kernel.audit.ChainedEvent;
import de.lokalebuendnisse.kernel.seal.AwardCeremonyHeld;
import de.lokalebuendnisse.kernel.seal.AwardPeriodClosed;
import de.lokalebuendnisse.kernel.seal.AwardPeriodOpened;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.SurveyOutcome;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.platform.messaging.MetadataKeys;
import de.lokalebuendnisse.audit.service.history.AuditHistoryProjection;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers the report's counts and award periods while the events stream past. What it keeps grows with the years,
 * payload types and decisions (grants, renewals, revocations: a few hundred per period), not with the events.
 */
final class ReplayReportBuilder {

    private final Map<Integer, Map<String, Long>> typesPerYear = new TreeMap<>();
    private final Map<String, PeriodBuilder> periods = new TreeMap<>();

    private static final class PeriodBuilder {
        private final String period;
        private AwardPeriodOpened opened;
        private ReplayReport.Ceremony ceremony;
        private ReplayReport.Closing closed;
        private final List<ReplayReport.Grant> grants = new ArrayList<>();
        private final List<ReplayReport.Grant> renewals = new ArrayList<>();
        private final List<ReplayReport.Revocation> revocations = new ArrayList<>();

        PeriodBuilder(String period) {
            this.period = period;
        }

        ReplayReport.Period build() {
            return new ReplayReport.Period(period,
                    opened == null ? null : opened.sealName(),
                    opened == null || opened.surveyYear() == null ? null : opened.surveyYear().value(),
                    opened == null ? null : String.valueOf(opened.grantRule()),
                    opened == null ? null : String.valueOf(opened.renewalRule()),
                    opened == null || opened.previousPeriod() == null ? null : opened.previousPeriod().label(),
                    ceremony, closed, List.copyOf(grants), List.copyOf(renewals), List.copyOf(revocations));
        }
    }

    /** Counts the event stored at {@code position} and, when it decides something about a period, notes it. */
    void add(TrackedEventMessage<?> message, long position, ChainedEvent stored) {
        LocalDate day = message.getTimestamp().atZone(AuditHistoryProjection.YEAR_ZONE).toLocalDate();
        String type = stored.payloadType().substring(stored.payloadType().lastIndexOf('.') + 1);
        typesPerYear.computeIfAbsent(day.getYear(), y -> new TreeMap<>()).merge(type, 1L, Long::sum);
        Object payload = message.getPayload();
        Caller caller = Caller.of(stored.metaData());
        if (payload instanceof AwardPeriodOpened opened) {
            PeriodBuilder period = period(opened.period().label());
            period.opened = opened;
            if (period.ceremony == null && opened.ceremony() != null) {
                period.ceremony = new ReplayReport.Ceremony(opened.ceremony().date(), opened.ceremony().place(), false);
            }
        } else if (payload instanceof AwardCeremonyHeld held) {
            period(held.period().label()).ceremony = new ReplayReport.Ceremony(held.ceremony().date(),
                    held.ceremony().place(), true);
        } else if (payload instanceof AwardPeriodClosed closed) {
            period(closed.period().label()).closed = new ReplayReport.Closing(day, closed.sealsGranted(),
                    closed.sealsRevoked());
        } else if (payload instanceof SealGranted granted) {
            PeriodBuilder period = period(granted.period().label());
            ReplayReport.Grant grant = grant(position, day, granted, caller);
            (granted.evidence().basis() == GrantBasis.RENEWAL ? period.renewals : period.grants).add(grant);
        } else if (payload instanceof SealRevoked revoked) {
            period(revoked.period().label()).revocations.add(new ReplayReport.Revocation(position,
                    revoked.buendnisId().value(), day, String.valueOf(revoked.grantBasis()), revoked.reason(),
                    caller.name(), caller.subject(), caller.client(), caller.role()));
        }
    }

    private static ReplayReport.Grant grant(long position, LocalDate day, SealGranted granted, Caller caller) {
        GrantEvidence evidence = granted.evidence();
        SurveyOutcome survey = evidence.survey();
        WerkstattAttendance attendance = evidence.attendance();
        return new ReplayReport.Grant(position, granted.buendnisId().value(), day, granted.atCeremony(),
                String.valueOf(evidence.rule()), String.valueOf(evidence.renewalRule()),
                survey == null ? null : new ReplayReport.SurveyEvidence(survey.year().value(),
                        survey.activityLevel().mean(), survey.threshold(), survey.sufficient(),
                        survey.projektZukunftInterest(), String.valueOf(survey.channel())),
                attendance == null ? null : new ReplayReport.AttendanceEvidence(
                        String.valueOf(attendance.werkstattId()), attendance.place(), attendance.date(),
                        String.valueOf(attendance.mode()), attendance.representativeOrganisation()),
                evidence.previousPeriod() == null ? null : evidence.previousPeriod().label(), caller.name(),
                caller.subject(), caller.client(), caller.role());
    }

    /**
     * Who caused an event, from the chained metadata the replay read it with: the name, and the verified identity
     * (null in events stored before tokens were required).
     */
    private record Caller(String name, String subject, String client, String role) {

        static Caller of(Map<String, String> metaData) {
            return new Caller(metaData.get(MetadataKeys.CALLER), metaData.get(MetadataKeys.CALLER_SUBJECT),
                    metaData.get(MetadataKeys.CALLER_CLIENT), metaData.get(MetadataKeys.CALLER_ROLE));
        }
    }

    private PeriodBuilder period(String label) {
        return periods.computeIfAbsent(label, PeriodBuilder::new);
    }

    List<ReplayReport.YearEvents> eventsPerYear() {
        return typesPerYear.entrySet().stream().map(year -> new ReplayReport.YearEvents(year.getKey(),
                year.getValue().values().stream().mapToLong(Long::longValue).sum(), new TreeMap<>(year.getValue())))
                .toList();
    }

    List<ReplayReport.Period> periods() {
        return periods.values().stream().map(PeriodBuilder::build).toList();
    }
}
