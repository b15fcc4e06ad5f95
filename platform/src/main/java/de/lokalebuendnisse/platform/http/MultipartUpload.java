package de.lokalebuendnisse.platform.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that takes its body as {@code multipart/form-data} (a file upload) instead of JSON; every other
 * content type is answered 415. Such an endpoint reads the body itself (it is already limited and held in memory by
 * {@link BodyLimitFilter}); callers authenticate with a bearer token, so a form on another site cannot send it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface MultipartUpload {
}
