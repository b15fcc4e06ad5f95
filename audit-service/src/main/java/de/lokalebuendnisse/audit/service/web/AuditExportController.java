package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.platform.query.NotFoundException;
import de.lokalebuendnisse.platform.query.QueryParameters;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.audit.service.export.AuditArchive;
import de.lokalebuendnisse.audit.service.config.AuditProjections;
import de.lokalebuendnisse.platform.projection.Projections;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;

/**
 * Archives of the live audit history for auditors: a calendar year or an award period as a ZIP of CSV, JSON and a
 * manifest with the files' SHA-256, the digest and the chain head. The files are prepared before the answer starts,
 * so a failure is still answered as a problem, not as a broken download.
 */
@RestController
@RequestMapping("/api/audit/exports")
@ProblemAnswers(503)
@Tag(name = "Audit exports")
class AuditExportController {

    static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final AuditArchive archive;
    private final Projections projections;

    AuditExportController(AuditArchive archive, Projections projections) {
        this.archive = archive;
        this.projections = projections;
    }

    @GetMapping("/{year}")
    @Operation(summary = "A calendar year (Europe/Berlin) as a ZIP: audit-<year>.csv, .json and manifest.json")
    ResponseEntity<StreamingResponseBody> year(@PathVariable String year, HttpServletRequest request)
            throws IOException {
        QueryParameters parameters = QueryParameters.of(request);
        Integer calendarYear = parameters.take(() -> {
            if (!year.matches("\\d{4}") || year.compareTo("2004") < 0 || year.compareTo("2999") > 0) {
                throw new InvalidValueException("year", "year-range", "must be a calendar year from 2004 to 2999");
            }
            return Integer.valueOf(year);
        }, "year");
        Long position = parameters.position();
        parameters.throwIfAny();
        return download(AuditArchive.Scope.year(calendarYear), position, false);
    }

    @GetMapping("/period/{period}")
    @ProblemAnswers(404)
    @Operation(summary = "An award period (URL form 2024-25) as a ZIP: audit-2024-25.csv, .json and manifest.json")
    ResponseEntity<StreamingResponseBody> period(@PathVariable String period, HttpServletRequest request)
            throws IOException {
        QueryParameters parameters = QueryParameters.of(request);
        AwardPeriod awardPeriod = parameters.take(() -> AwardPeriod.fromId(period), "period");
        Long position = parameters.position();
        parameters.throwIfAny();
        return download(AuditArchive.Scope.period(awardPeriod), position, true);
    }

    /** @param unknownIsNotFound a period nothing is listed under is unknown; an empty year is just empty */
    private ResponseEntity<StreamingResponseBody> download(AuditArchive.Scope scope, Long position,
                                                           boolean unknownIsNotFound) throws IOException {
        projections.awaitReadable(AuditProjections.AUDIT_HISTORY, position);
        if (unknownIsNotFound && !archive.hasEntries(scope)) {
            throw new NotFoundException("period", "the audit history lists nothing under period "
                    + scope.period().label());
        }
        AuditArchive.Prepared prepared = archive.prepare(scope);
        StreamingResponseBody body = out -> {
            try (prepared) {
                prepared.writeZip(out);
            }
        };
        return ResponseEntity.ok().contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(scope.fileBase() + ".zip").build().toString())
                .body(body);
    }
}
