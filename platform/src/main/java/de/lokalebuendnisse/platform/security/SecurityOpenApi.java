package de.lokalebuendnisse.platform.security;

import de.lokalebuendnisse.platform.http.OpenApiContract;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The API document states access as the service enforces it, read from the same {@link AccessRules}: the bearer
 * scheme, on every protected operation the roles it admits ({@code x-roles}) and its 401 and 403 answers; public
 * operations need no token. When {@code lbf.security.token-url} is set, an OAuth2 client-credentials scheme lets the
 * API page's authorize button fetch a token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityOpenApi {

    static final String BEARER = "bearer";
    static final String OAUTH2 = "oauth2";
    /** The extension listing the roles an operation admits, in the rule's order. */
    static final String ROLES_EXTENSION = "x-roles";

    @Bean
    OpenApiCustomizer accessInDocument(AccessRules serviceRules, IdentityProperties properties) {
        AccessRules rules = serviceRules.then(SecurityConfiguration.SHARED_RULES);
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("An access token of the issuer " + properties.issuerUri() + " for the audience "
                            + properties.audience() + "; roles in the claim " + properties.rolesClaim()));
            List<String> schemes = new ArrayList<>(List.of(BEARER));
            if (properties.tokenUrl() != null) {
                openApi.getComponents().addSecuritySchemes(OAUTH2, new SecurityScheme()
                        .type(SecurityScheme.Type.OAUTH2)
                        .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl(properties.tokenUrl())
                                .scopes(new Scopes()))));
                schemes.add(OAUTH2);
            }
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                    HttpMethod method = HttpMethod.valueOf(entry.getKey().name());
                    Operation operation = entry.getValue();
                    rules.ruleFor(method, path).ifPresentOrElse(rule -> {
                        if (rule.isPublic()) {
                            operation.setSecurity(List.of());
                            return;
                        }
                        operation.addExtension(ROLES_EXTENSION, rule.roles().stream().map(Role::claimValue).toList());
                        operation.setSecurity(schemes.stream()
                                .map(scheme -> new SecurityRequirement().addList(scheme)).toList());
                        ApiResponses responses = operation.getResponses() == null ? new ApiResponses()
                                : operation.getResponses();
                        responses.addApiResponse("401", OpenApiContract.problem(401));
                        responses.addApiResponse("403", OpenApiContract.problem(403));
                        operation.setResponses(responses);
                    }, () -> operation.addExtension(ROLES_EXTENSION, List.of()));
                }
            });
        };
    }
}
