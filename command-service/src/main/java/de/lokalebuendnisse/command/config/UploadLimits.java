package de.lokalebuendnisse.command.config;

import de.lokalebuendnisse.platform.http.LargerBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one path that takes more than {@code lbf.api.max-body-size}: the survey import's upload. */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

    static final String SURVEY_IMPORT_PATH = "/api/survey-campaigns/*/imports";

    @Bean
    LargerBodyLimit surveyImportUpload(LbfProperties properties) {
        return new LargerBodyLimit(SURVEY_IMPORT_PATH, properties.surveyImport().maxUploadSize().toBytes());
    }
}
