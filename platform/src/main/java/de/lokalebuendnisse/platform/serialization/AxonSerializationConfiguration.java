package de.lokalebuendnisse.platform.serialization;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Jackson 2 mapper behind Axon's serializer (Spring MVC uses Jackson 3 apart from it), one for both services so
 * that they write and read the stored events alike. Events are stored as readable JSON: ISO dates, plain decimals,
 * stable key order. XStream is never used.
 */
@Configuration(proxyBeanMethods = false)
public class AxonSerializationConfiguration {

    /** The name Axon's auto-configuration looks for; replaces its mapper, which writes dates as number arrays. */
    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                // an event written by a newer release must not break an older reader during a rolling update
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
