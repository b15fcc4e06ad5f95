package de.lokalebuendnisse.platform.projection;

import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.platform.query.QueryProblems;
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

/** Refusals about projections as problem+json: unknown, a rebuild already running, being rebuilt, behind. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProjectionProblems {

    /** Seconds a caller waits before asking again for a projection that is behind. */
    static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(UnknownProjectionException.class)
    ResponseEntity<ProblemDetail> unknownProjection(UnknownProjectionException e) {
        return QueryProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                List.of(new Refusal.Reason("projection", "known", e.getMessage())));
    }

    @ExceptionHandler(RebuildRunningException.class)
    ResponseEntity<ProblemDetail> rebuildRunning(RebuildRunningException e) {
        return QueryProblems.problem(HttpStatus.CONFLICT, "conflict", "Conflict with running work",
                List.of(new Refusal.Reason("projection", "no-rebuild-running", e.getMessage())));
    }

    @ExceptionHandler(WindowOpenException.class)
    ResponseEntity<ProblemDetail> windowOpen(WindowOpenException e) {
        return QueryProblems.problem(HttpStatus.CONFLICT, "conflict", "Conflict with running work",
                List.of(new Refusal.Reason("projection", "no-window-open", e.getMessage())));
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
}
