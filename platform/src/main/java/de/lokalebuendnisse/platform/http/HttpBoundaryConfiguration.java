package de.lokalebuendnisse.platform.http;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The HTTP edge both services share; each service imports it. Every request body is read strictly (no coercion of
 * any kind, see {@link #strict}), limited in size before it is parsed ({@code lbf.api.max-body-size}), must be
 * JSON where an endpoint takes one and absent where it takes none, and every error, also Tomcat's own, is answered
 * as problem+json in the documented shape.
 */
@Configuration(proxyBeanMethods = false)
@Import({BoundaryProblems.class, ProblemErrorController.class, OpenApiContract.class})
public class HttpBoundaryConfiguration {

    /** Limits of the JSON reader: deeper nesting or longer numbers are refused (rule {@code json-limits}). */
    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_NUMBER_LENGTH = 100;

    /**
     * Request bodies as written: an integer field takes only a JSON integer (not {@code 2.99}, {@code 4.0},
     * {@code "4"}, {@code true}), a number field only a JSON number, a boolean only {@code true}/{@code false}, a
     * text only a JSON string, checked by {@link TextRules}; unknown fields, fields named twice, null for a
     * primitive and trailing content are refused. Only request bodies are read this way (see
     * {@link #strictRequestBodies}): the application's own JSON mapper, which also reads JSON the service wrote
     * itself (the audit command line reads the live history), stays as Spring Boot configures it.
     */
    static JsonMapper.Builder strict(JsonMapper.Builder builder) {
        return builder
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfigDefaults(config -> {
                    for (CoercionInputShape shape : CoercionInputShape.values()) {
                        config.setCoercion(shape, CoercionAction.Fail);
                    }
                    config.setAcceptBlankAsEmpty(false);
                })
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert) // 3 is the number 3
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .addModule(new SimpleModule("lbf-strict-text").addDeserializer(String.class,
                        new StrictTextDeserializer()));
    }

    /** The JSON reader's limits: deeper nesting or longer numbers are refused (rule {@code json-limits}). */
    static JsonFactory limitedFactory(DataSize maxBody) {
        return JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBody.toBytes()))
                .build()).build();
    }

    /** The strict reader of request bodies, with the modules of the application's mapper. */
    static JsonMapper strictMapper(JsonMapper application, DataSize maxBody) {
        JsonMapper.Builder builder = JsonMapper.builder(limitedFactory(maxBody));
        application.registeredModules().forEach(builder::addModule);
        return strict(builder).build();
    }

    /**
     * Reads request bodies (only reads: answers are written by Spring's own converter, with its problem-detail
     * mix-ins) with {@link #strictMapper}; placed before Spring's JSON converter.
     */
    @Bean
    WebMvcConfigurer strictRequestBodies(JsonMapper application,
                                         @Value("${lbf.api.max-body-size:64KB}") DataSize maxBody) {
        JsonMapper strict = strictMapper(application, maxBody);
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
                builder.addCustomConverter(new StrictJsonReader(strict));
            }
        };
    }

    /** Spring's JSON converter, for reading only. */
    private static final class StrictJsonReader extends JacksonJsonHttpMessageConverter {

        StrictJsonReader(JsonMapper mapper) {
            super(mapper);
        }

        @Override
        public boolean canWrite(ResolvableType type, Class<?> valueClass, MediaType mediaType) {
            return false;
        }

        @Override
        public boolean canWrite(Class<?> clazz, MediaType mediaType) {
            return false;
        }
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(@Value("${lbf.api.max-body-size:64KB}") DataSize maxBody,
                                                            ObjectProvider<LargerBodyLimit> larger) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(maxBody.toBytes(), larger.orderedStream().toList()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    WebMvcConfigurer bodyRules() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new BodyRulesInterceptor());
            }
        };
    }

    /** Replaces Tomcat's HTML error report (and Spring Boot's copy of it) with {@link ProblemErrorReportValve}. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport() {
        return new ProblemErrorReportCustomizer();
    }

    private static final class ProblemErrorReportCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                if (host instanceof StandardHost standardHost) {
                    standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
