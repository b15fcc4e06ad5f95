package de.lokalebuendnisse.query.config;

import de.lokalebuendnisse.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static de.lokalebuendnisse.platform.security.Role.ADMIN;
import static de.lokalebuendnisse.platform.security.Role.AUDITOR;
import static de.lokalebuendnisse.platform.security.Role.SERVICE;
import static de.lokalebuendnisse.platform.security.Role.STAFF;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may read what here (README, "Roles"): the directory and eligibility for calling services, the Servicebüro
 * and auditors; the verification of seals for anyone; operating the projections for operations only. Anything not listed is refused.
 */
@Configuration(proxyBeanMethods = false)
public class QueryAccess {

    @Bean
    AccessRules accessRules() {
        return AccessRules.table()
                .allow(GET, "/api/directory", SERVICE, STAFF, AUDITOR)
                .allow(GET, "/api/directory/stats", SERVICE, STAFF, AUDITOR)
                .allow(GET, "/api/directory/{id}", SERVICE, STAFF, AUDITOR)
                .allow(GET, "/api/eligibility/{period}", SERVICE, STAFF, AUDITOR)
                .allow(GET, "/api/eligibility/{period}/stream", SERVICE, STAFF, AUDITOR)
                // personal data of the primary contacts: the Servicebüro alone
                .allow(GET, "/api/eligibility/{period}/invitations", STAFF)
                .allow(GET, "/api/eligibility/{period}/{buendnisId}", SERVICE, STAFF, AUDITOR)
                // the seal certificates, to print and hand over: the Servicebüro alone
                .allow(GET, "/api/certificates/{period}", STAFF)
                .allow(GET, "/api/certificates/{period}/{buendnisId}", STAFF)
                // the public verification of seals, reached from a certificate's QR code: anyone, rate-limited
                .open(GET, "/verify/{code}")
                .open(GET, "/api/public/seals/{code}")
                .open(GET, "/.well-known/lbf-seal-key.json")
                .allow(GET, "/api/admin/projections", ADMIN)
                .allow(GET, "/api/admin/projections/{name}", ADMIN)
                .allow(POST, "/api/admin/projections/{name}/rebuild", ADMIN)
                .allow(POST, "/api/admin/projections/{name}/dead-letters/retry", ADMIN)
                .build();
    }
}
