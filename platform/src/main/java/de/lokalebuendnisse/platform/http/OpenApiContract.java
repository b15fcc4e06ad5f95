package de.lokalebuendnisse.platform.http;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What every service's OpenAPI document ({@code /v3/api-docs}) says beyond what springdoc reads from the code, so
 * that the document is the complete contract: the allowed values of every {@link OneOf} field as {@code enum}, and
 * every operation's problem answers as {@code application/problem+json} with the one {@value #PROBLEM} schema
 * ({@code violations[{field, rule, detail}]}, see {@link Problems}): 400 for every operation, 413 for those that
 * take a body, and what {@link ProblemAnswers} adds.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiContract {

    /** The schema name of a problem answer. */
    public static final String PROBLEM = "Problem";
    /** The schema name of one violation of a problem answer. */
    public static final String VIOLATION = "Violation";
    public static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** The allowed values of {@link OneOf} fields, on the field or, for a list, on its items. */
    @Bean
    PropertyCustomizer oneOfValues() {
        return (property, type) -> {
            Annotation[] annotations = type.getCtxAnnotations();
            if (annotations == null) {
                return property;
            }
            for (Annotation annotation : annotations) {
                if (annotation instanceof OneOf oneOf) {
                    enumerate(property.getItems() != null ? property.getItems() : property, values(oneOf));
                }
            }
            return property;
        };
    }

    /** The allowed values in the enumeration's order. */
    public static List<String> values(OneOf oneOf) {
        return values(oneOf.value(), oneOf.by());
    }

    /** The allowed values of {@code type}, each its constant's name or what the method {@code by} answers for it. */
    public static List<String> values(Class<? extends Enum<?>> type, String by) {
        if (by.isEmpty()) {
            return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        }
        try {
            Method method = type.getMethod(by);
            return Arrays.stream(type.getEnumConstants()).map(constant -> {
                try {
                    return String.valueOf(method.invoke(constant));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(type.getSimpleName() + "." + by + "() failed", e);
                }
            }).toList();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no public method " + by + "()", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void enumerate(Schema schema, List<String> values) {
        schema.setEnum(new ArrayList<>(values));
    }

    /** Each operation's problem answers. */
    @Bean
    OperationCustomizer problemAnswers() {
        return (operation, handler) -> {
            SortedSet<Integer> statuses = new TreeSet<>(List.of(400));
            if (operation.getRequestBody() != null) {
                statuses.add(413);
            }
            for (ProblemAnswers answers : Arrays.asList(
                    AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ProblemAnswers.class),
                    AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ProblemAnswers.class))) {
                if (answers != null) {
                    for (int status : answers.value()) {
                        statuses.add(status);
                    }
                }
            }
            OneOf parameterValues = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), OneOf.class);
            if (parameterValues != null && operation.getParameters() != null) {
                operation.getParameters().stream()
                        .filter(parameter -> parameter.getName().equals(parameterValues.parameter()))
                        .forEach(parameter -> {
                            if (parameter.getSchema() == null) {
                                parameter.setSchema(new StringSchema());
                            }
                            enumerate(parameter.getSchema(), values(parameterValues));
                        });
            }
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            for (int status : statuses) {
                responses.addApiResponse(String.valueOf(status), problem(status));
            }
            operation.setResponses(responses);
            return operation;
        };
    }

    /** A problem answer with this status, as every operation documents it. */
    public static ApiResponse problem(int status) {
        return new ApiResponse().description(description(status))
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static String description(int status) {
        return switch (status) {
            case 400 -> "Invalid request: every invalid field, parameter or header is named in violations";
            case 401 -> "No access token, or one that was not accepted (see WWW-Authenticate and violations)";
            case 403 -> "The access token lacks every role this operation admits (x-roles)";
            case 404 -> "Not found: the target the request names is unknown";
            case 409 -> "Conflict with recorded state or with work that is running";
            case 413 -> "Request body too large: longer than lbf.api.max-body-size, refused before it is read";
            case 422 -> "Refused by a domain rule: every rule broken is named in violations";
            case 503 -> "Not ready: a view behind the given event position or being rebuilt, or a command that timed"
                    + " out; retry";
            default -> Problems.title(status);
        };
    }

    /** The problem's schema, once for all operations. */
    @Bean
    OpenApiCustomizer problemSchema() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            Schema<?> violation = new ObjectSchema()
                    .description("One field (null for the request as a whole) and the rule it breaks")
                    .addProperty("field", new StringSchema().nullable(true)
                            .description("the field, parameter or header, e.g. ceremony.date or scores[0].score"))
                    .addProperty("rule", new StringSchema().description("the rule broken, e.g. required, one-of"))
                    .addProperty("detail", new StringSchema().description("what is wrong, for people"));
            violation.setRequired(List.of("field", "rule", "detail"));
            Schema<?> problem = new ObjectSchema()
                    .description("RFC 9457 problem details; violations names every field and rule")
                    .addProperty("type", new StringSchema().format("uri")
                            .description("urn:lbf:problem:<kind>, e.g. urn:lbf:problem:invalid"))
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema().format("uri"))
                    .addProperty("violations", new ArraySchema()
                            .items(new Schema<>().$ref("#/components/schemas/" + VIOLATION)));
            problem.setRequired(List.of("title", "status", "detail", "violations"));
            openApi.getComponents().addSchemas(PROBLEM, problem).addSchemas(VIOLATION, violation);
        };
    }
}
