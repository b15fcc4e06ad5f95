package de.lokalebuendnisse.query.seal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The public verification of seals, under {@code lbf.verification.*}; defaults in application.yml, listed in the
 * README's configuration table.
 *
 * @param baseUrl        where the public reaches this service: the QR code and the certificate point to
 *                       {@code <baseUrl>/verify/<code>}, and the signed credential names its URLs under it
 * @param signingKeyFile the office's Ed25519 key (a JWK with its private part, readable by the owner only); made
 *                       on first start when missing. Empty: {@code <lbf.data-dir>/seal-signing-key.json}
 * @param issuerName     who grants the seal, as the credential names its issuer
 * @param rateLimit      per client (remote address)
 */
@ConfigurationProperties(prefix = "lbf.verification")
public record VerificationProperties(@DefaultValue("http://localhost:8082") String baseUrl,
                                     @DefaultValue("") String signingKeyFile,
                                     @DefaultValue("Bundesministerium für Bildung, Familie, Senioren, Frauen und Jugend")
                                     String issuerName,
                                     @DefaultValue RateLimit rateLimit) {

    public VerificationProperties {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * @param limit   verifications a client may ask for per period
     * @param period  the period after which its allowance is full again
     * @param clients clients remembered at most; the one unheard of longest is forgotten first
     */
    public record RateLimit(@DefaultValue("30") int limit,
                            @DefaultValue("1m") Duration period,
                            @DefaultValue("10000") int clients) {
    }

    /** The public page of a code, as printed on the certificate and in its QR code. */
    public String pageOf(de.lokalebuendnisse.kernel.seal.VerificationCode code) {
        return baseUrl + "/verify/" + code.grouped();
    }
}
