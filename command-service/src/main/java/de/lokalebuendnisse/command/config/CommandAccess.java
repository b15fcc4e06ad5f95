package de.lokalebuendnisse.command.config;

import de.lokalebuendnisse.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static de.lokalebuendnisse.platform.security.Role.SERVICE;
import static de.lokalebuendnisse.platform.security.Role.STAFF;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Who may send which command (README, "Roles"): calling services and the Servicebüro keep the directory, the
 * surveys and the Werkstätten; only the Servicebüro opens and closes campaigns and periods, decides on seals and
 * seals a year's chain. Auditors and operations send no commands. Anything not listed is refused.
 */
@Configuration(proxyBeanMethods = false)
public class CommandAccess {

    @Bean
    AccessRules accessRules() {
        return AccessRules.table()
                // the directory of alliances
                .allow(POST, "/api/buendnisse", SERVICE, STAFF)
                .allow(PUT, "/api/buendnisse/{id}/profile", SERVICE, STAFF)
                .allow(POST, "/api/buendnisse/{id}/partners", SERVICE, STAFF)
                .allow(DELETE, "/api/buendnisse/{id}/partners/{partnerId}", SERVICE, STAFF)
                .allow(POST, "/api/buendnisse/{id}/pause", SERVICE, STAFF)
                .allow(POST, "/api/buendnisse/{id}/resume", SERVICE, STAFF)
                .allow(POST, "/api/buendnisse/{id}/dissolve", SERVICE, STAFF)
                // contact persons: kept like the rest of the directory; erasing a person's data is the office's
                // decision on a legal basis
                .allow(POST, "/api/buendnisse/{id}/contacts", SERVICE, STAFF)
                .allow(PUT, "/api/buendnisse/{id}/contacts/{personId}", SERVICE, STAFF)
                .allow(DELETE, "/api/buendnisse/{id}/contacts/{personId}", SERVICE, STAFF)
                .allow(POST, "/api/buendnisse/{id}/contacts/{personId}/erasure", STAFF)
                // the yearly survey
                .allow(POST, "/api/survey-campaigns", STAFF)
                .allow(POST, "/api/survey-campaigns/{year}/submissions", SERVICE, STAFF)
                .allow(PUT, "/api/survey-campaigns/{year}/submissions/{buendnisId}", SERVICE, STAFF)
                .allow(POST, "/api/survey-campaigns/{year}/close", STAFF)
                .allow(POST, "/api/survey-campaigns/{year}/imports", SERVICE, STAFF)
                // the seal's award period
                .allow(POST, "/api/seal-awards", STAFF)
                .allow(POST, "/api/seal-awards/{period}/werkstaetten", SERVICE, STAFF)
                .allow(POST, "/api/seal-awards/{period}/attendances", SERVICE, STAFF)
                .allow(POST, "/api/seal-awards/{period}/grants", STAFF)
                .allow(POST, "/api/seal-awards/{period}/ceremony", STAFF)
                .allow(POST, "/api/seal-awards/{period}/revocations", STAFF)
                .allow(POST, "/api/seal-awards/{period}/invitations", STAFF)
                .allow(POST, "/api/seal-awards/{period}/close", STAFF)
                // the audit chain's yearly seal
                .allow(POST, "/api/audit/chain/seals", STAFF)
                .build();
    }
}
