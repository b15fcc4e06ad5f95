package de.lokalebuendnisse.platform.http;

import de.lokalebuendnisse.kernel.common.Excerpt;
import de.lokalebuendnisse.kernel.common.Refusal;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * What the HTTP edge refuses, in both services, as problem+json with violations: unreadable or mistyped bodies,
 * wrong content types, bodies on bodyless endpoints, mistyped path segments and parameters, unknown paths, wrong
 * methods; anything else unexpected as a plain 500 without internals (logged once with its stack trace). Runs
 * after each service's own advice, which handles its domain refusals.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
final class BoundaryProblems {

    private static final Logger log = LoggerFactory.getLogger(BoundaryProblems.class);

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return Problems.entity(400, List.of(JsonBodyProblems.reason(e)));
    }

    @ExceptionHandler(BodyRuleException.class)
    ResponseEntity<ProblemDetail> bodyRule(BodyRuleException e) {
        return Problems.entity(e.status(), List.of(e.reason()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.entity(415, List.of(new Refusal.Reason("Content-Type", "media-type",
                "send the body as application/json")));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return Problems.entity(406, List.of(new Refusal.Reason("Accept", "media-type",
                "this resource is available as application/json (downloads also as text/csv)")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badPathOrParameter(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String rule = type == int.class || type == Integer.class || type == long.class || type == Long.class
                ? "integer" : "type";
        return Problems.entity(400, List.of(new Refusal.Reason(e.getName(), rule,
                Excerpt.of(e.getValue()) + " is not a valid " + e.getName())));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return Problems.entity(400, List.of(new Refusal.Reason(e.getParameterName(), "required", "must be given")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return Problems.entity(400, List.of(new Refusal.Reason(e.getHeaderName(), "required", "must be given")));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ProblemDetail> answer = Problems.entity(405, List.of(new Refusal.Reason("method",
                "allowed-method", "this resource does not take " + Excerpt.of(e.getMethod()))));
        return e.getSupportedHttpMethods() == null ? answer
                : ResponseEntity.status(405).headers(h -> h.setAllow(e.getSupportedHttpMethods()))
                .contentType(answer.getHeaders().getContentType()).body(answer.getBody());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ProblemDetail> unknownPath(Exception e) {
        return Problems.entity(404, List.of(new Refusal.Reason("path", "known", "no such resource")));
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        // the client has gone: there is nobody to answer
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        Refusal.Reason known = knownFailure(e);
        if (known != null) {
            return Problems.entity(400, List.of(known));
        }
        if (e instanceof ErrorResponse response && response.getStatusCode().value() < 500) {
            int status = response.getStatusCode().value();
            return Problems.entity(status, List.of(generic(status)));
        }
        log.error("Request failed unexpectedly", e);
        return Problems.entity(500, List.of(generic(500)));
    }

    /** A failure the container or a library raised because of what the caller sent, as a violation; else null. */
    static Refusal.Reason knownFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidParameterException) {
                return new Refusal.Reason("query", "url-encoding",
                        "the query string is not valid URL encoding (every % must start %XX in hex, UTF-8)");
            }
        }
        return null;
    }

    /** A violation that says what a status means, for answers whose cause names nothing more precise. */
    static Refusal.Reason generic(int status) {
        return switch (status) {
            case 400 -> new Refusal.Reason("request", "http-syntax", "the request is malformed");
            case 404 -> new Refusal.Reason("path", "known", "no such resource");
            case 405 -> new Refusal.Reason("method", "allowed-method", "this resource does not take this method");
            case 406 -> new Refusal.Reason("Accept", "media-type", "this resource is available as application/json");
            case 413 -> new Refusal.Reason("body", "max-body-size", "the body is too large");
            case 415 -> new Refusal.Reason("Content-Type", "media-type", "send the body as application/json");
            default -> status >= 500
                    ? new Refusal.Reason(null, "server-error", "the request could not be handled; retry later")
                    : new Refusal.Reason("request", "http-syntax", "the request was refused");
        };
    }
}
