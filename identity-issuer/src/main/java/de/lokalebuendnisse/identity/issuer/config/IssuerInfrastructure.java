package de.lokalebuendnisse.identity.issuer.config;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * The Spring Boot auto-configurations the issuer runs on, named one by one instead of all those on the class path:
 * tests of other modules start the issuer in their JVM (IssuerRunner), beside Axon, MongoDB, H2 and springdoc, which
 * must not configure themselves into the issuer. The list is what a standalone start used (its condition report),
 * without metrics and observation, and without Spring Boot's authorization server auto-configuration: the issuer
 * declares its key, decoder, settings and filter chains itself, so a module using IssuerRunner may exclude
 * {@code org.springframework.boot:spring-boot-security-oauth2-authorization-server} from its test class path (that
 * auto-configuration would otherwise give the module's own service a JwtDecoder over a random key).
 */
@ImportAutoConfiguration({
        org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration.class,
        org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration.class,
        org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration.class,
        org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration.class,
        org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration.class,
        org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration.class,
        org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration.class,
        org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration.class,
        org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration.class,
        org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration.class,
        org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration.class,
        org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration.class,
        org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration.class,
        org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration.class,
        org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration.class,
        org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration.class,
        org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration.class,
        org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration.class,
        org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration.class,
        org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class,
        org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration.class,
        org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration.class,
        org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatServletManagementContextAutoConfiguration.class,
        org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.actuate.endpoint.web.WebMvcHealthEndpointExtensionAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration.class
})
public class IssuerInfrastructure {
}
