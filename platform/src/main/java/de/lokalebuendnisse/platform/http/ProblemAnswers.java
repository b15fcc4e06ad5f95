package de.lokalebuendnisse.platform.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem answers an operation can give besides those of the HTTP edge itself (400 for every operation, 413 for
 * every operation that takes a body), e.g. {@code @ProblemAnswers({404, 409, 422, 503})}. On a controller it holds
 * for each of its operations, on a method in addition to the controller's. {@link OpenApiContract} documents each
 * as {@code application/problem+json}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ProblemAnswers {

    /** HTTP statuses, e.g. 404 unknown target, 409 conflict, 422 domain rule, 503 not ready or timed out. */
    int[] value();
}
