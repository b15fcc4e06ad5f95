package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.seal.FindSealGrantQuery;
import de.lokalebuendnisse.kernel.seal.FindSealGrantsOfPeriodQuery;
import de.lokalebuendnisse.kernel.seal.SealGrantView;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import de.lokalebuendnisse.platform.projection.Projections;
import de.lokalebuendnisse.platform.query.NotFoundException;
import de.lokalebuendnisse.platform.query.QueryParameters;
import de.lokalebuendnisse.platform.query.QueryProblems;
import de.lokalebuendnisse.query.certificate.SealCertificates;
import de.lokalebuendnisse.query.config.QueryProjections;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The seal certificates (Siegelurkunden) for the Servicebüro: one grant's PDF/A, or a period's standing seals as one
 * ZIP to print for the ceremony. Read from the seal register; a revoked seal's certificate is not issued any more.
 */
@RestController
@RequestMapping("/api/certificates")
@ProblemAnswers({404, 503})
@Tag(name = "Seal certificates", description = "Siegelurkunden as PDF/A, one or a period's as a ZIP (staff)")
class SealCertificateController {

    static final String SEAL_REVOKED = "seal-revoked";
    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");
    private static final ResponseType<List<SealGrantView>> GRANTS = ResponseTypes.multipleInstancesOf(SealGrantView.class);

    private final QueryGateway queries;
    private final Projections projections;
    private final SealCertificates certificates;

    SealCertificateController(QueryGateway queries, Projections projections, SealCertificates certificates) {
        this.queries = queries;
        this.projections = projections;
        this.certificates = certificates;
    }

    @GetMapping("/{period}/{buendnisId}")
    @ProblemAnswers(410)
    @Parameter(name = QueryParameters.POSITION_HEADER, in = ParameterIn.HEADER,
            description = "event position a command answered with: waits until the register has reached it, else 503")
    @Operation(summary = "One alliance's seal certificate of an award period as PDF/A-1b",
            description = "period in URL form, e.g. 2024-25. The same grant always gives the same bytes. 404 when the "
                    + "alliance was not granted the period's seal, 410 (rule seal-revoked) when the seal was revoked.",
            responses = @ApiResponse(responseCode = "200", description = "the certificate",
                    content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string",
                            format = "binary"))))
    ResponseEntity<byte[]> certificate(@PathVariable String period, @PathVariable String buendnisId,
                                       HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request);
        AwardPeriod awardPeriod = parameters.take(() -> AwardPeriod.fromId(period), "period");
        BuendnisId id = parameters.take(() -> BuendnisId.of(buendnisId), "buendnisId");
        Long position = parameters.position();
        parameters.throwIfAny();
        projections.awaitReadable(QueryProjections.SEAL_REGISTER, position);
        SealGrantView grant = ask(new FindSealGrantQuery(awardPeriod, id), ResponseTypes.instanceOf(SealGrantView.class));
        if (grant == null || grant.allianceName() == null) {
            throw new NotFoundException("buendnisId", "alliance " + id.value() + " holds no seal of period "
                    + awardPeriod.label());
        }
        if (grant.revoked()) {
            throw new SealRevokedException("the seal " + awardPeriod.label() + " of alliance " + id.value()
                    + " was revoked on " + grant.revokedOn() + "; its certificate is not issued any more");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(certificates.fileName(grant)).build().toString())
                .body(certificates.pdf(grant));
    }

    @GetMapping("/{period}")
    @Parameter(name = QueryParameters.POSITION_HEADER, in = ParameterIn.HEADER,
            description = "event position a command answered with: waits until the register has reached it, else 503")
    @Operation(summary = "Every standing seal certificate of an award period as one ZIP, for the ceremony",
            description = "period in URL form, e.g. 2024-25. Entries 2024-25_<buendnisId>_<alliance-slug>.pdf in "
                    + "name order; revoked seals are left out. Streamed. 404 when no seal of the period stands.",
            responses = @ApiResponse(responseCode = "200", description = "the certificates",
                    content = @Content(mediaType = "application/zip", schema = @Schema(type = "string",
                            format = "binary"))))
    ResponseEntity<StreamingResponseBody> archive(@PathVariable String period, HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request);
        AwardPeriod awardPeriod = parameters.take(() -> AwardPeriod.fromId(period), "period");
        Long position = parameters.position();
        parameters.throwIfAny();
        projections.awaitReadable(QueryProjections.SEAL_REGISTER, position);
        List<SealGrantView> standing = ask(new FindSealGrantsOfPeriodQuery(awardPeriod), GRANTS).stream()
                .filter(grant -> !grant.revoked() && grant.allianceName() != null)
                .toList();
        if (standing.isEmpty()) {
            throw new NotFoundException("period", "no seal of period " + awardPeriod.label() + " stands");
        }
        StreamingResponseBody body = out -> certificates.zip(standing, out);
        return ResponseEntity.ok()
                .contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("siegelurkunden-" + awardPeriod.id() + ".zip").build().toString())
                .body(body);
    }

    @ExceptionHandler(SealRevokedException.class)
    ResponseEntity<ProblemDetail> revoked(SealRevokedException e) {
        return QueryProblems.problem(HttpStatus.GONE, "gone", "Gone",
                List.of(new Refusal.Reason("buendnisId", SEAL_REVOKED, e.getMessage())));
    }

    private <R> R ask(Object query, ResponseType<R> responseType) {
        try {
            return queries.query(query, responseType).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The seal was granted and later revoked: its certificate is gone, not unknown. */
    static final class SealRevokedException extends RuntimeException {
        SealRevokedException(String message) {
            super(message);
        }
    }
}
