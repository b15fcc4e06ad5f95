package de.lokalebuendnisse.platform.security;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.List;

/**
 * Access to every service, wired once: each request needs a verified bearer token (see {@link TokenValidation})
 * whose roles the service's {@link AccessRules} admit; what no rule admits is refused (default deny). The service
 * keeps no session and sets no cookie, so there is nothing for cross-site request forgery to ride on. Answers
 * carry {@code X-Content-Type-Options: nosniff}, frame denial, {@code Cache-Control: no-store} and no referrer;
 * browsers from other origins are refused unless {@code lbf.security.allowed-origins} lists them.
 * <p>
 * A service imports this configuration and declares one bean: its {@link AccessRules} table.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(IdentityProperties.class)
@Import(SecurityOpenApi.class)
public class SecurityConfiguration {

    /**
     * The rows every service shares, after its own: liveness and readiness without details and the API document
     * for anyone; the rest of the actuator (metrics) for operations.
     */
    static final AccessRules SHARED_RULES = AccessRules.table()
            .open(HttpMethod.GET, "/actuator/health")
            .open(HttpMethod.GET, "/actuator/health/liveness")
            .open(HttpMethod.GET, "/actuator/health/readiness")
            .open(HttpMethod.GET, "/v3/api-docs")
            .open(HttpMethod.GET, "/v3/api-docs/**")
            .open(HttpMethod.GET, "/swagger-ui.html")
            .open(HttpMethod.GET, "/swagger-ui/**")
            .allow(HttpMethod.GET, "/actuator/**", Role.ADMIN)
            .build();

    /** Spring's firewall with its default rules, checked without regular expressions ({@link HeaderChecks}). */
    @Bean
    WebSecurityCustomizer headerFirewall() {
        return web -> web.httpFirewall(HeaderChecks.firewall());
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessRules serviceRules, IdentityProperties properties,
                                    JwtDecoder decoder) throws Exception {
        AccessRules rules = serviceRules.then(SHARED_RULES);
        AccessProblems problems = new AccessProblems(rules);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(Customizer.withDefaults())
                .cors(cors -> cors.configurationSource(cors(properties)))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new HeaderChecks.Bearer())
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new TokenCallers(properties.rolesClaim())))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // by default an unreachable issuer would surface as a server error (500)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .authorizeHttpRequests(authorize -> {
                    // the error page renders an answer already decided; an async dispatch continues a request
                    // that passed (the eligibility stream)
                    authorize.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
                    for (AccessRule rule : rules.rules()) {
                        var matcher = authorize.requestMatchers(AccessRules.matcher(rule));
                        if (rule.isPublic()) {
                            matcher.permitAll();
                        } else {
                            matcher.hasAnyRole(rule.roles().stream().map(Role::name).toArray(String[]::new));
                        }
                    }
                    authorize.anyRequest().denyAll();
                });
        return http.build();
    }

    /**
     * No observation around every security filter, authentication and authorization decision: nothing reads them
     * (the HTTP server's own request metrics stay), and they cost about a tenth of a read request's time (JFR
     * under the benchmark's read load: Micrometer tags, timers and events per filter).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtDecoder jwtDecoder(IdentityProperties properties) {
        return TokenValidation.decoder(properties);
    }

    @Bean
    Callers callers(AccessRules serviceRules) {
        return new Callers(serviceRules.then(SHARED_RULES));
    }

    private static CorsConfigurationSource cors(IdentityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.allowedOrigins().isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(properties.allowedOrigins());
            configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key",
                    "X-Correlation-Id", "X-Event-Position", "Last-Event-ID"));
            configuration.setExposedHeaders(List.of("Location", "X-Event-Position", "X-Correlation-Id",
                    "Idempotent-Replayed"));
            source.registerCorsConfiguration("/**", configuration);
        }
        return source;
    }
}
