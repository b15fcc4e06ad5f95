package de.lokalebuendnisse.query.seal;

import de.lokalebuendnisse.platform.PlatformProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Clock;

/** The public verification's parts: the office's signing key, the credential maker and the per-client limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({VerificationProperties.class, PlatformProperties.class})
public class SealVerificationConfiguration {

    @Bean
    SealSigningKey sealSigningKey(VerificationProperties settings, PlatformProperties platform) {
        Path file = settings.signingKeyFile().isBlank()
                ? Path.of(platform.dataDir(), "seal-signing-key.json")
                : Path.of(settings.signingKeyFile());
        return SealSigningKey.loadOrCreate(file);
    }

    @Bean
    SealCredentials sealCredentials(SealSigningKey key, VerificationProperties settings, JsonMapper json) {
        return new SealCredentials(key, settings, json, Clock.systemUTC());
    }

    @Bean
    VerificationRateLimits verificationRateLimits(VerificationProperties settings) {
        return new VerificationRateLimits(settings.rateLimit());
    }
}
