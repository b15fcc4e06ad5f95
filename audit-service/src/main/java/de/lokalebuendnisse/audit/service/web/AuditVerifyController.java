package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.platform.query.QueryParameters;
import de.lokalebuendnisse.audit.service.chain.ChainReport;
import de.lokalebuendnisse.audit.service.chain.ChainVerifier;
import de.lokalebuendnisse.audit.service.config.AuditProjections;
import de.lokalebuendnisse.platform.projection.Projections;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * Verifies the audit chain over the whole stored history and answers with the report. A broken chain is answered
 * with 200 too: the request succeeded and the report is its answer (a 409 would say the request conflicts with
 * the resource, and clients would treat the finding as a failed call and might never show the body). Runs in the
 * request's thread; a long history logs its progress every few seconds.
 */
@RestController
@RequestMapping("/api/audit")
@ProblemAnswers(503)
@Tag(name = "Audit history")
class AuditVerifyController {

    private static final Logger log = LoggerFactory.getLogger(AuditVerifyController.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final ChainVerifier verifier;
    private final Projections projections;

    AuditVerifyController(ChainVerifier verifier, Projections projections) {
        this.verifier = verifier;
        this.projections = projections;
    }

    @GetMapping(path = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Recompute the audit chain from the event store and report the first event where it breaks",
            description = "Compares every stored event with the fingerprint recorded when it arrived and checks every "
                    + "anchor. 200 with status INTACT, BROKEN or UNVERIFIED. With X-Event-Position (or position) "
                    + "the fingerprints are awaited up to that position first.")
    ChainReport verify(HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request);
        Long position = parameters.position();
        parameters.throwIfAny();
        // while the records are rebuilt they are incomplete: 503 rather than a report on half of them
        projections.awaitReadable(AuditProjections.AUDIT_CHAIN, position);
        log.info("Verifying the audit chain");
        ChainReport report = verifier.verify(PROGRESS_EVERY, progress -> {
            if (!progress.finished()) {
                log.info("Verifying the audit chain: {}", progress.line());
            }
        });
        log.info("Verified the audit chain: {} over {} events, {} breaks", report.status(), report.eventsChecked(),
                report.breakCount());
        return report;
    }
}
