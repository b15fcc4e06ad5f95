package de.lokalebuendnisse.identity.issuer.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The issuer's settings; defaults here and in application.yml are the same.
 *
 * @param dataDir the data folder shared with the services; the issuer keeps its files in {@code issuer/} below it
 */
@ConfigurationProperties(prefix = "lbf")
public record IssuerProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Issuer issuer) {

    /**
     * @param url                 the tokens' {@code iss} and the base of the discovery document; empty: taken from
     *                            each request (what tests on a random port use)
     * @param audience            what every access token's {@code aud} contains; the services accept only it
     * @param allowedOrigins      the pages (the services' Swagger UI) that may fetch tokens, keys and discovery
     *                            from a browser
     * @param accessTokenLifetime as Keycloak's realm: 5 minutes
     */
    public record Issuer(@DefaultValue(DEFAULT_URL) String url,
                         @DefaultValue("lbf-api") String audience,
                         @DefaultValue({"http://localhost:8081", "http://localhost:8082", "http://localhost:8083"})
                         List<String> allowedOrigins,
                         @DefaultValue("5m") Duration accessTokenLifetime) {

        public static final String DEFAULT_URL = "http://localhost:8084";

        /** The URL the printed curl lines use: the configured one, else the default port's. */
        public String urlForCurl() {
            return url.isBlank() ? DEFAULT_URL : url;
        }
    }

    public Path issuerFolder() {
        return issuerFolder(dataDir);
    }

    /** Where the issuer keeps clients.json and signing-key.json below a data folder. */
    public static Path issuerFolder(Path dataDir) {
        return dataDir.resolve("issuer");
    }
}
