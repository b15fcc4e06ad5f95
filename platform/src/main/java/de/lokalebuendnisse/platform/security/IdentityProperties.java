package de.lokalebuendnisse.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

import java.time.Duration;
import java.util.List;

/**
 * How a service checks access tokens ({@code lbf.security.*}; README, "Configuration"). Tokens are verified by
 * signature against the issuer's keys, by issuer, audience and expiry, nothing else: the service keeps no users.
 *
 * @param issuerUri         the issuer every token must name ({@code iss}); its keys are found through its OpenID
 *                          discovery document unless one of the two settings below says otherwise
 * @param jwkSetUri         the issuer's key set, when discovery is not wanted (optional)
 * @param publicKeyLocation an RSA public key (PEM) to verify with instead of a key set, for an issuer whose key is
 *                          handed over out of band (optional)
 * @param audience          the audience every token must name ({@code aud})
 * @param rolesClaim        where the token lists its roles, dots for nesting: {@code roles} (the embedded issuer) or
 *                          {@code realm_access.roles} (Keycloak's realm roles)
 * @param clockSkew         how far expiry and not-before may be off between issuer and service
 * @param allowedOrigins    browser origins allowed to call the API (CORS); empty: none
 * @param tokenUrl          the issuer's token endpoint, offered by the API document's authorize button (optional)
 * @param verifiedTokens    how many verified tokens are remembered by their exact text, so that the same token
 *                          sent again is not verified again (see {@link VerifiedTokens}); 0 verifies every request
 * @param verifiedTokenMaxAge how long a remembered token counts at most (never beyond its expiry); it bounds how
 *                          long a key withdrawn at the issuer still works here
 */
@ConfigurationProperties("lbf.security")
public record IdentityProperties(String issuerUri, String jwkSetUri, Resource publicKeyLocation, String audience,
                                 String rolesClaim, Duration clockSkew, List<String> allowedOrigins,
                                 String tokenUrl, Integer verifiedTokens, Duration verifiedTokenMaxAge) {

    public IdentityProperties {
        if (issuerUri == null || issuerUri.isBlank()) {
            throw new IllegalArgumentException("lbf.security.issuer-uri must name the issuer of access tokens");
        }
        audience = audience == null || audience.isBlank() ? "lbf-api" : audience;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        jwkSetUri = jwkSetUri == null || jwkSetUri.isBlank() ? null : jwkSetUri;
        tokenUrl = tokenUrl == null || tokenUrl.isBlank() ? null : tokenUrl;
        verifiedTokens = verifiedTokens == null ? 1024 : verifiedTokens;
        verifiedTokenMaxAge = verifiedTokenMaxAge == null ? Duration.ofSeconds(60) : verifiedTokenMaxAge;
    }
}
