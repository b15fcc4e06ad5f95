package de.lokalebuendnisse.audit.service.config;

import de.lokalebuendnisse.platform.PlatformProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' service keeps a small page cache for its stand-in file: its history is written once and read in
 * scans, so a larger cache only turns over and feeds the full collections (README, "Performance").
 */
class StandInPageCacheTest {

    @Test
    void theServiceSettingsGiveTheStandInAPageCacheOfFourMegabytes() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);

        PlatformProperties settings = Binder.get(environment).bind("lbf", PlatformProperties.class).get();

        assertThat(settings.mongo().embeddedCacheSize()).isEqualTo(DataSize.ofMegabytes(4));
    }
}
