package de.lokalebuendnisse.audit.service.config;

import de.lokalebuendnisse.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static de.lokalebuendnisse.platform.security.Role.ADMIN;
import static de.lokalebuendnisse.platform.security.Role.AUDITOR;
import static de.lokalebuendnisse.platform.security.Role.STAFF;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may read the audit trail (README, "Roles"): auditors everything, read-only; the Servicebüro the history,
 * its verification, the as-of answers and explanations, but neither the raw export archives nor replays;
 * operations only the projections. Anything not listed is refused.
 */
@Configuration(proxyBeanMethods = false)
public class AuditAccess {

    @Bean
    AccessRules accessRules() {
        return AccessRules.table()
                .allow(GET, "/api/audit/verify", AUDITOR, STAFF)
                .allow(GET, "/api/audit/as-of", AUDITOR, STAFF)
                .allow(GET, "/api/audit/explanations/{period}", AUDITOR, STAFF)
                .allow(GET, "/api/audit/exports/{year}", AUDITOR)
                .allow(GET, "/api/audit/exports/period/{period}", AUDITOR)
                // an access request (Art. 15 GDPR) is answered by the Servicebüro; auditors need no personal data
                .allow(GET, "/api/audit/persons/{personId}", STAFF)
                .allow(POST, "/api/audit/replays", AUDITOR)
                .allow(GET, "/api/audit/replays/{id}", AUDITOR)
                .allow(GET, "/api/audit/replays/{id}/report.md", AUDITOR)
                .allow(GET, "/api/audit/replays/{id}/report.html", AUDITOR)
                // the year's history, as JSON or CSV (after the fixed paths above, which a year never matches)
                .allow(GET, "/api/audit/{year}", AUDITOR, STAFF)
                .allow(GET, "/api/admin/projections", ADMIN)
                .allow(GET, "/api/admin/projections/{name}", ADMIN)
                .allow(POST, "/api/admin/projections/{name}/rebuild", ADMIN)
                .allow(POST, "/api/admin/projections/{name}/dead-letters/retry", ADMIN)
                .build();
    }
}
