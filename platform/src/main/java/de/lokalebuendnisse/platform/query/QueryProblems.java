package de.lokalebuendnisse.platform.query;

import de.lokalebuendnisse.kernel.common.InvalidValueException;
import de.lokalebuendnisse.kernel.common.Refusal;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
 * Refusals about projections (unknown, being rebuilt, behind) are {@code ProjectionProblems}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QueryProblems {

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

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title,
                                                         List<Refusal.Reason> reasons) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                new Refusal(Refusal.Kind.INVALID, reasons).summary());
        problem.setTitle(title);
        problem.setType(URI.create("urn:lbf:problem:" + type));
        problem.setProperty("violations", reasons);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
