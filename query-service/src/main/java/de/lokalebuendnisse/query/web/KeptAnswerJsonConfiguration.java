package de.lokalebuendnisse.query.web;

import de.lokalebuendnisse.kernel.directory.DirectoryPage;
import de.lokalebuendnisse.kernel.directory.DirectoryStats;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.util.Set;

/**
 * The directory's pages and counts are written as JSON once per kept answer ({@link KeptAnswerJson}); both are the
 * same for every role that may read them (a page carries no contacts). {@code lbf.query.kept-json} answers at most
 * (0: written anew every time).
 */
@Configuration(proxyBeanMethods = false)
class KeptAnswerJsonConfiguration {

    @Bean
    WebMvcConfigurer keptDirectoryJson(JsonMapper application, @Value("${lbf.query.kept-json:64}") int capacity) {
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
                if (capacity > 0) {
                    builder.addCustomConverter(new KeptAnswerJson(application,
                            Set.of(DirectoryPage.class, DirectoryStats.class), capacity));
                }
            }
        };
    }
}
