package de.lokalebuendnisse.platform.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text field (or a list of texts) of a request that must be one of an enumeration of the kernel. The request
 * records take such fields as text on purpose, so that a wrong value is answered with a precise problem naming the
 * field and the allowed values; this annotation puts the same values into the OpenAPI document as {@code enum}
 * ({@link OpenApiContract}), read from the enumeration itself, so the kernel stays the one source of truth. On a
 * handler method it does the same for the query parameter it names.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface OneOf {

    /** The enumeration whose constants are the allowed values. */
    Class<? extends Enum<?>> value();

    /**
     * A public method without arguments of the enumeration that gives a constant's value on the wire (e.g.
     * {@code isoCode} for {@code DE-NW}); empty for the constant's name.
     */
    String by() default "";

    /**
     * On a handler method: the name of the query parameter that must be one of the values (for parameters the
     * handler reads from the request itself and documents with {@code @Parameter}).
     */
    String parameter() default "";
}
