package de.lokalebuendnisse.audit.service.web;

import de.lokalebuendnisse.audit.service.replay.ReplayConflictException;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.platform.query.QueryProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/** The auditors' own refusals as problem+json, shaped as every other (see {@code QueryProblems}). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditProblems {

    @ExceptionHandler(ReplayConflictException.class)
    ResponseEntity<ProblemDetail> replayConflict(ReplayConflictException e) {
        return QueryProblems.problem(HttpStatus.CONFLICT, "conflict", "Conflict with running work",
                List.of(new Refusal.Reason(e.field(), e.rule(), e.getMessage())));
    }
}
