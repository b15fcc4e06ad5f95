package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.query.audit.replay.ReplayConflictException;
import de.lokalebuendnisse.query.projection.ProjectionBehindException;
import de.lokalebuendnisse.query.projection.ProjectionRebuildingException;
import de.lokalebuendnisse.query.projection.RebuildRunningException;
import de.lokalebuendnisse.query.projection.UnknownProjectionException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;

/**
 * Every refusal of a query as RFC 9457 {@code application/problem+json}, shaped like the command side's:
 * {@code type}, {@code title}, {@code status}, {@code detail} and {@code violations[{field, rule, detail}]}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryProblems {

    /** Seconds a caller waits before asking again for a projection that is behind. */
    static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(QueryParameters.InvalidQueryException.class)
    ResponseEntity<ProblemDetail> invalidQuery(QueryParameters.InvalidQueryException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid", "Invalid request", e.reasons());
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid", "Invalid request",
                List.of(new Refusal.Reason(e.field(), e.rule(), e.detail())));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                List.of(new Refusal.Reason(e.field(), "known", e.getMessage())));
    }

    @ExceptionHandler(UnknownProjectionException.class)
    ResponseEntity<ProblemDetail> unknownProjection(UnknownProjectionException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                List.of(new Refusal.Reason("projection", "known", e.getMessage())));
    }

    @ExceptionHandler(RebuildRunningException.class)
    ResponseEntity<ProblemDetail> rebuildRunning(RebuildRunningException e) {
        return problem(HttpStatus.CONFLICT, "conflict", "Conflict with running work",
                List.of(new Refusal.Reason("projection", "no-rebuild-running", e.getMessage())));
    }

    @ExceptionHandler(ReplayConflictException.class)
    ResponseEntity<ProblemDetail> replayConflict(ReplayConflictException e) {
        return problem(HttpStatus.CONFLICT, "conflict", "Conflict with running work",
                List.of(new Refusal.Reason(e.field(), e.rule(), e.getMessage())));
    }

    /** Read-your-writes: rather 503 and a retry than data older than the caller's own write. */
    @ExceptionHandler(ProjectionBehindException.class)
    ResponseEntity<ProblemDetail> behind(ProjectionBehindException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Projection not yet up to date");
        problem.setType(URI.create("urn:lbf:problem:projection-behind"));
        problem.setProperty("projection", e.projection());
        problem.setProperty("requestedPosition", e.requested());
        problem.setProperty("reachedPosition", e.reached());
        // the documented shape of every problem: which input and which rule it is about
        problem.setProperty("violations", List.of(new Refusal.Reason("position", "projection-reached",
                e.getMessage())));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(ProjectionRebuildingException.class)
    ResponseEntity<ProblemDetail> rebuilding(ProjectionRebuildingException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Projection is being rebuilt");
        problem.setType(URI.create("urn:lbf:problem:projection-rebuilding"));
        problem.setProperty("projection", e.projection());
        problem.setProperty("rebuild", e.progress());
        problem.setProperty("violations", List.of(new Refusal.Reason("projection", "not-rebuilding",
                e.getMessage())));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title,
                                                         List<Refusal.Reason> reasons) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                new Refusal(Refusal.Kind.INVALID, reasons).summary());
        problem.setTitle(title);
        problem.setType(URI.create("urn:lbf:problem:" + type));
        problem.setProperty("violations", reasons);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
