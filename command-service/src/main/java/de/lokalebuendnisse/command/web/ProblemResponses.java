package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.command.http.ProblemJson;
import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Every refusal as RFC 9457 {@code application/problem+json}: 400 invalid input, 404 unknown target, 409 conflict,
 * 422 a domain rule. {@code violations} names each field and rule.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring's own problem-details handler, which names no fields
class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    @ExceptionHandler(RequestViolations.InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(RequestViolations.InvalidRequestException e) {
        return problem(new Refusal(Refusal.Kind.INVALID, e.reasons()));
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e) {
        return problem(new Refusal(Refusal.Kind.INVALID, List.of(new Refusal.Reason(e.field(), e.rule(), e.detail()))));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandRefused(CommandExecutionException e) {
        Object details = e.getDetails().orElse(null);
        if (details instanceof Refusal refusal) {
            return problem(refusal);
        }
        if (e.getCause() instanceof TimeoutException) {
            return status(HttpStatus.SERVICE_UNAVAILABLE, "Command timed out", "command-timeout",
                    "the command did not complete in time; retry with the same Idempotency-Key");
        }
        log.error("Command failed", e);
        return status(HttpStatus.INTERNAL_SERVER_ERROR, "Command failed", "server-error",
                "the command failed unexpectedly");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> duplicate(AggregateStreamCreationException e) {
        return problem(new Refusal(Refusal.Kind.CONFLICT, List.of(new Refusal.Reason("id", "unique-id",
                "something is already registered under this id"))));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        return problem(new Refusal(Refusal.Kind.CONFLICT, List.of(new Refusal.Reason(null, "no-concurrent-change",
                "the target was changed at the same time; retry"))));
    }

    static ResponseEntity<ProblemDetail> problem(Refusal refusal) {
        HttpStatus status = ProblemJson.status(refusal);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refusal.summary());
        problem.setTitle(ProblemJson.title(refusal));
        problem.setType(ProblemJson.type(refusal));
        problem.setProperty("violations", refusal.reasons());
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> status(HttpStatus status, String title, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("violations", List.of(new Refusal.Reason(null, rule, detail)));
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(problem);
    }
}
