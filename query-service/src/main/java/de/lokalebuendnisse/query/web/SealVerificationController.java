package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.kernel.seal.FindSealByVerificationCodeQuery;
import de.lokalebuendnisse.kernel.seal.SealGrantView;
import de.lokalebuendnisse.kernel.seal.VerificationCode;
import de.lokalebuendnisse.platform.http.ProblemAnswers;
import de.lokalebuendnisse.platform.projection.Projections;
import de.lokalebuendnisse.platform.projection.ReadWaits;
import de.lokalebuendnisse.platform.query.NotFoundException;
import de.lokalebuendnisse.platform.query.QueryParameters;
import de.lokalebuendnisse.platform.query.QueryProblems;
import de.lokalebuendnisse.query.config.QueryProjections;
import de.lokalebuendnisse.query.seal.SealCredential;
import de.lokalebuendnisse.query.seal.SealCredentials;
import de.lokalebuendnisse.query.seal.SealSigningKey;
import de.lokalebuendnisse.query.seal.VerificationRateLimits;
import de.lokalebuendnisse.query.seal.VerificationRateLimits.RateLimitedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/**
 * The public verification of seals, reached from the QR code on a certificate: no token, rate-limited per client
 * (remote address). Given a verification code it answers valid, revoked (with the day, never the reason) or
 * unknown, as a German page or as a signed Open Badges 3.0 credential; the key that checks the signature is
 * published here too. A code that cannot be one is "unknown" like a code nobody holds, so the answers tell nothing
 * about the codes' structure; only absurdly long input is refused (400).
 */
@RestController
@Tag(name = "Seal verification", description = "Public: is a seal valid, revoked or unknown (no token)")
class SealVerificationController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    private final QueryGateway queries;
    private final Projections projections;
    private final SealCredentials credentials;
    private final SealSigningKey key;
    private final VerificationRateLimits limits;

    SealVerificationController(QueryGateway queries, Projections projections, SealCredentials credentials,
                               SealSigningKey key, VerificationRateLimits limits) {
        this.queries = queries;
        this.projections = projections;
        this.credentials = credentials;
        this.key = key;
        this.limits = limits;
    }

    @GetMapping("/verify/{code}")
    @ProblemAnswers({400, 503})
    @Operation(summary = "The verification page of a seal (German HTML)",
            description = "Says valid, revoked on a day (reason withheld) or unknown (404), with the alliance's name "
                    + "and place as of the grant, the seal, its period, grant day and basis. Case, '-' and spaces "
                    + "in the code do not matter; I and L read as 1, O as 0. Rate-limited per client (429 with "
                    + "Retry-After).",
            responses = {
                    @ApiResponse(responseCode = "200", description = "valid or revoked",
                            content = @Content(mediaType = "text/html", schema = @Schema(type = "string"))),
                    @ApiResponse(responseCode = "404", description = "no seal has this code",
                            content = @Content(mediaType = "text/html", schema = @Schema(type = "string"))),
                    @ApiResponse(responseCode = "429", description = "too many verifications from this client; "
                            + "Retry-After says when to come back",
                            content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))})
    ResponseEntity<String> page(HttpServletRequest request, @PathVariable String code) {
        charge(request);
        Optional<SealGrantView> grant = find(request, code);
        String body = grant.map(g -> g.revoked()
                        ? VerificationPage.revoked(g, "/api/public/seals/" + g.verificationCode().grouped())
                        : VerificationPage.valid(g, "/api/public/seals/" + g.verificationCode().grouped()))
                .orElseGet(VerificationPage::unknown);
        return ResponseEntity.status(grant.isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND)
                .contentType(HTML)
                .header("Content-Security-Policy", VerificationPage.CONTENT_SECURITY_POLICY)
                .body(body);
    }

    @GetMapping("/api/public/seals/{code}")
    @ProblemAnswers({400, 404, 429, 503})
    @Operation(summary = "A seal as a signed Open Badges 3.0 credential",
            description = "OpenBadgeCredential (W3C VC 2.0) with credentialStatus valid or revoked (and the day), "
                    + "signed by a Data Integrity proof eddsa-jcs-2022 with the key at "
                    + SealCredentials.KEY_PATH + ". With X-Event-Position (or position) the answer waits until "
                    + "the seal register has reached it. Rate-limited per client (429 with Retry-After).")
    SealCredential credential(HttpServletRequest request, @PathVariable String code) {
        charge(request);
        return credentials.signed(find(request, code).orElseThrow(() ->
                new NotFoundException("code", "no seal has this verification code")));
    }

    @GetMapping(SealCredentials.KEY_PATH)
    @Operation(summary = "The office's public key that signs seal credentials (JWK, Ed25519)")
    SealPublicKey publicKey() {
        return SealPublicKey.of(key.publicJwk());
    }

    /** The page's refusal is a page; the API's a problem. Both say when to come back. */
    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<?> rateLimited(RateLimitedException e, HttpServletRequest request) {
        String retryAfter = String.valueOf(e.retryAfterSeconds());
        if (request.getRequestURI().startsWith("/verify/")) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(HTML)
                    .header(HttpHeaders.RETRY_AFTER, retryAfter)
                    .header("Content-Security-Policy", VerificationPage.CONTENT_SECURITY_POLICY)
                    .body(VerificationPage.tooMany(e.retryAfterSeconds()));
        }
        ResponseEntity<ProblemDetail> problem = QueryProblems.problem(HttpStatus.TOO_MANY_REQUESTS,
                "too-many-requests", "Too many requests", List.of(new Refusal.Reason("client", "rate-limit",
                        "too many verifications from this client; try again in " + retryAfter + " s")));
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, retryAfter).body(problem.getBody());
    }

    /** Once per request: a verification parked until the register reached its position was charged on arrival. */
    private void charge(HttpServletRequest request) {
        if (!ReadWaits.isResumed(request)) {
            limits.acquire(request.getRemoteAddr());
        }
    }

    private Optional<SealGrantView> find(HttpServletRequest request, String code) {
        QueryParameters parameters = QueryParameters.of(request);
        Long position = parameters.position();
        Optional<VerificationCode> parsed = parameters.take(() -> VerificationCode.parse(code), "code");
        parameters.throwIfAny();
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        projections.awaitReadable(QueryProjections.SEAL_REGISTER, position);
        return Optional.ofNullable(queries.query(new FindSealByVerificationCodeQuery(parsed.get()),
                ResponseTypes.instanceOf(SealGrantView.class)).join());
    }
}
