package de.lokalebuendnisse.audit.service.history;

import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.kernel.audit.AuditEvents;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.BuendnisStatus;
import de.lokalebuendnisse.kernel.buendnis.PartnerAdded;
import de.lokalebuendnisse.kernel.buendnis.PartnerId;
import de.lokalebuendnisse.kernel.buendnis.PartnerType;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.AttendanceMode;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.GrantEvidence;
import de.lokalebuendnisse.kernel.seal.GrantRule;
import de.lokalebuendnisse.kernel.seal.RenewalRule;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.kernel.seal.WerkstattAttendance;
import de.lokalebuendnisse.kernel.survey.SurveySubmitted;
import de.lokalebuendnisse.audit.service.replay.AuditReplayConfiguration;
import de.lokalebuendnisse.audit.service.config.AuditProjections;
import de.lokalebuendnisse.platform.projection.ProjectionBehindException;
import de.lokalebuendnisse.platform.projection.Projections;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static de.lokalebuendnisse.kernel.audit.AuditEvents.BREMEN;
import static de.lokalebuendnisse.kernel.audit.AuditEvents.HAMM;
import static de.lokalebuendnisse.kernel.audit.AuditEvents.P2023;
import static de.lokalebuendnisse.kernel.audit.AuditEvents.P2024;
import static de.lokalebuendnisse.kernel.audit.AuditEvents.Y2024;

/**
 * The query service on embedded stores with one season appended straight to its event store (2024 and early 2025,
 * with a grant through the survey, a renewal by a representative's attendance, a revocation and events the audit
 * history leaves out), shared by the replay, export and command-line tests (one Spring context for all of them).
 * Replays started over HTTP run on a thread the tests can hold, so "one at a time" is tested without racing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
@Import(ReplaySeason.HeldReplayThread.class)
abstract class ReplaySeason {

    static final Path DATA = dataDir();
    static final BuendnisId NUERNBERG = BuendnisId.of("nuernberg");
    static final String REPRESENTATIVE = "Stadt Hamm, Familienbüro";
    static final String REVOCATION_REASON = "Angaben der Umfrage nicht belegt; „Prüfung“ der Servicestelle";

    /** The season's events as published, in store order. */
    static final List<GenericDomainEventMessage<?>> PUBLISHED = new ArrayList<>();

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", DATA::toString);
    }

    private static Path dataDir() {
        try {
            return Files.createTempDirectory("lbf-query-replay");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Holds replays started over HTTP while {@link #hold} is set; otherwise starts each on a thread of its own. */
    @TestConfiguration(proxyBeanMethods = false)
    static class HeldReplayThread {

        static volatile boolean hold;
        static final List<Runnable> HELD = new ArrayList<>();

        static synchronized void release() {
            hold = false;
            HELD.forEach(replay -> new Thread(replay, "held-audit-replay").start());
            HELD.clear();
        }

        @Bean
        @Primary
        AuditReplayConfiguration.ReplayThread heldReplayThread() {
            return replay -> {
                synchronized (HeldReplayThread.class) {
                    if (hold) {
                        HELD.add(replay);
                        return;
                    }
                }
                new Thread(replay, "audit-replay-test").start();
            };
        }
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    Projections projections;

    private final Map<String, Long> sequences = new HashMap<>();

    @BeforeEach
    void seasonStored() {
        synchronized (PUBLISHED) {
            if (PUBLISHED.isEmpty()) {
                publishSeason();
            }
        }
        awaitLiveHistory();
    }

    /** Until the live audit history has handled the whole season. */
    void awaitLiveHistory() {
        long head = projections.headPosition();
        for (int attempt = 0; ; attempt++) {
            try {
                projections.blockUntilReadable(AuditProjections.AUDIT_HISTORY, head);
                return;
            } catch (ProjectionBehindException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    private void publishSeason() {
        SurveySubmitted nuernbergSurvey = AuditEvents.submitted(NUERNBERG, true, 4, 4, 3);
        WerkstattAttendance byTheCity = AuditEvents.inHamm(AttendanceMode.REPRESENTATIVE, REPRESENTATIVE);
        WerkstattAttendance self = AuditEvents.inHamm(AttendanceMode.SELF, null);
        Instant at = Instant.parse("2024-03-01T09:00:00Z");
        at = publish(at, HAMM.toString(), AuditEvents.registered(HAMM), "crm", "c-1");
        at = publish(at, BREMEN.toString(), AuditEvents.registered(BREMEN), "crm", "c-2");
        at = publish(at, NUERNBERG.toString(), AuditEvents.registered(NUERNBERG), "crm", "c-3");
        at = publish(at, HAMM.toString(), new PartnerAdded(HAMM, PartnerId.of("stadt"), "Stadt Hamm",
                PartnerType.MUNICIPALITY), "crm", "c-4");
        at = publish(at, Y2024.toString(), AuditEvents.campaignOpened(), "servicebuero:anna", "c-5");
        at = publish(at, Y2024.toString(), AuditEvents.submitted(BREMEN, false, 3, 2, 3), "survey-tool", "c-6");
        at = publish(at, Y2024.toString(), nuernbergSurvey, "survey-tool", "c-7");
        at = publish(at, Y2024.toString(), AuditEvents.amended(BREMEN, new int[] {3, 2, 3}, 3, 3, 3), "survey-tool",
                "c-8");
        at = publish(at, Y2024.toString(), AuditEvents.campaignClosed(), "servicebuero:anna", "c-9");
        // from here on every command needed a verified access token: the identity stands beside the name
        at = publish(Instant.parse("2024-08-01T09:00:00Z"), P2024.toString(), AuditEvents.periodOpened(),
                AuditEvents.ANNA, "c-10");
        at = publish(at, P2024.toString(), AuditEvents.werkstattHamm(), AuditEvents.ANNA, "c-11");
        at = publish(Instant.parse("2024-09-12T15:00:00Z"), P2024.toString(), AuditEvents.attended(HAMM, byTheCity),
                AuditEvents.CRM, "c-12");
        at = publish(at, P2024.toString(), AuditEvents.attended(NUERNBERG, self), AuditEvents.CRM, "c-13");
        at = publish(Instant.parse("2024-11-22T10:00:00Z"), P2024.toString(), AuditEvents.grantedViaSurvey(
                NUERNBERG, AuditEvents.outcome(nuernbergSurvey, 2), self, true), AuditEvents.ANNA, "c-14");
        at = publish(at, P2024.toString(), new SealGranted(P2024, HAMM, AuditEvents.SEAL_NAME, new GrantEvidence(
                GrantBasis.RENEWAL, GrantRule.SURVEY_INTEREST_WERKSTATT_V1, RenewalRule.RENEW_BY_WERKSTATT_ATTENDANCE,
                null, byTheCity, P2023, BuendnisStatus.ACTIVE), true, AuditEvents.DIALOG), AuditEvents.ANNA,
                "c-14");
        at = publish(at, P2024.toString(), AuditEvents.ceremonyHeld(NUERNBERG, HAMM), AuditEvents.ANNA, "c-14");
        // 23:30 UTC on New Year's Eve is already 2025 in Berlin; a display name a spreadsheet would run
        at = publish(Instant.parse("2024-12-31T23:30:00Z"), P2024.toString(),
                new SealRevoked(P2024, HAMM, REVOCATION_REASON, GrantBasis.RENEWAL), MINISTRY, "c-15");
        at = publish(Instant.parse("2025-03-10T08:00:00Z"), BREMEN.toString(), AuditEvents.paused(BREMEN),
                AuditEvents.CRM, "c-16");
        publish(at, P2024.toString(), AuditEvents.periodClosed(), AuditEvents.ANNA, "c-17");
    }

    /** Who revoked: a token whose display name starts like a formula. */
    static final AuditEvents.Caller MINISTRY = new AuditEvents.Caller("=ministerium", "4c0ffee-ministerium",
            "ministerium-portal", "admin");

    /** An event caused with a verified access token. */
    private Instant publish(Instant at, String aggregateId, Object payload, AuditEvents.Caller caller,
                            String correlationId) {
        return publish(at, aggregateId, payload, MetaData.from(caller.metaData()).and("correlationId",
                correlationId));
    }

    /** An event stored before tokens were required: the caller as it declared itself. */
    private Instant publish(Instant at, String aggregateId, Object payload, String caller, String correlationId) {
        return publish(at, aggregateId, payload, MetaData.with("caller", caller).and("correlationId", correlationId));
    }

    private Instant publish(Instant at, String aggregateId, Object payload, MetaData metaData) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        String type = aggregateId.startsWith("buendnis:") ? "Buendnis"
                : aggregateId.startsWith("seal-award:") ? "SealAward" : "SurveyCampaign";
        GenericDomainEventMessage<?> event = new GenericDomainEventMessage<>(type, aggregateId, sequence,
                new GenericMessage<>(UUID.randomUUID().toString(), payload, metaData), () -> at);
        eventStore.publish(event);
        PUBLISHED.add(event);
        return at.plusSeconds(60);
    }
}
