package de.lokalebuendnisse.identity.access;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.security.RoleMatrix;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static de.lokalebuendnisse.platform.security.Role.ADMIN;
import static de.lokalebuendnisse.platform.security.Role.AUDITOR;
import static de.lokalebuendnisse.platform.security.Role.SERVICE;
import static de.lokalebuendnisse.platform.security.Role.STAFF;

/**
 * Who may call what, for every deployable: the one table the README's roles table shows, which each service's own
 * rules ({@code CommandAccess}, {@code QueryAccess}, {@code AuditAccess}) and the {@code x-roles} of its API
 * document must agree with. Rows every service shares (health, API document, metrics) are
 * {@link de.lokalebuendnisse.platform.security.RoleMatrix#assertSharedRows()}.
 */
public final class RoleTable {

    /** A deployable and the module its settings come from. */
    public enum Deployable {
        COMMAND_SERVICE("command-service"), QUERY_SERVICE("query-service"), AUDIT_SERVICE("audit-service");

        public final String module;

        Deployable(String module) {
            this.module = module;
        }
    }

    private static final Map<Deployable, Map<String, Set<Role>>> TABLE = new LinkedHashMap<>();

    static {
        deployable(Deployable.COMMAND_SERVICE)
                // alliances: the office's CRM and the office's staff
                .row("POST /api/buendnisse", SERVICE, STAFF)
                .row("PUT /api/buendnisse/{id}/profile", SERVICE, STAFF)
                .row("POST /api/buendnisse/{id}/partners", SERVICE, STAFF)
                .row("DELETE /api/buendnisse/{id}/partners/{partnerId}", SERVICE, STAFF)
                .row("POST /api/buendnisse/{id}/pause", SERVICE, STAFF)
                .row("POST /api/buendnisse/{id}/resume", SERVICE, STAFF)
                .row("POST /api/buendnisse/{id}/dissolve", SERVICE, STAFF)
                // contact persons like the directory; the erasure of a person's data by the office alone
                .row("POST /api/buendnisse/{id}/contacts", SERVICE, STAFF)
                .row("PUT /api/buendnisse/{id}/contacts/{personId}", SERVICE, STAFF)
                .row("DELETE /api/buendnisse/{id}/contacts/{personId}", SERVICE, STAFF)
                .row("POST /api/buendnisse/{id}/contacts/{personId}/erasure", STAFF)
                // the survey: staff open and close it, the survey tool's import submits
                .row("POST /api/survey-campaigns", STAFF)
                .row("POST /api/survey-campaigns/{year}/submissions", SERVICE, STAFF)
                .row("PUT /api/survey-campaigns/{year}/submissions/{buendnisId}", SERVICE, STAFF)
                .row("POST /api/survey-campaigns/{year}/close", STAFF)
                .row("POST /api/survey-campaigns/{year}/imports", SERVICE, STAFF)
                // the seal: staff decide, the Werkstatt registration reports dates and attendance
                .row("POST /api/seal-awards", STAFF)
                .row("POST /api/seal-awards/{period}/werkstaetten", SERVICE, STAFF)
                .row("POST /api/seal-awards/{period}/attendances", SERVICE, STAFF)
                .row("POST /api/seal-awards/{period}/grants", STAFF)
                .row("POST /api/seal-awards/{period}/ceremony", STAFF)
                .row("POST /api/seal-awards/{period}/revocations", STAFF)
                .row("POST /api/seal-awards/{period}/invitations", STAFF)
                .row("POST /api/seal-awards/{period}/close", STAFF)
                .row("POST /api/audit/chain/seals", STAFF);
        deployable(Deployable.QUERY_SERVICE)
                .row("GET /api/directory", SERVICE, STAFF, AUDITOR)
                .row("GET /api/directory/stats", SERVICE, STAFF, AUDITOR)
                .row("GET /api/directory/{id}", SERVICE, STAFF, AUDITOR)
                .row("GET /api/eligibility/{period}", SERVICE, STAFF, AUDITOR)
                .row("GET /api/eligibility/{period}/{buendnisId}", SERVICE, STAFF, AUDITOR)
                .row("GET /api/eligibility/{period}/stream", SERVICE, STAFF, AUDITOR)
                .row("GET /api/eligibility/{period}/invitations", STAFF)
                .row("GET /api/certificates/{period}", STAFF)
                .row("GET /api/certificates/{period}/{buendnisId}", STAFF)
                // the public verification of seals: no token (its page /verify/{code} and the key at
                // /.well-known/lbf-seal-key.json lie outside /api/, which the matrix covers; SealVerificationEndToEndTest
                // calls them without a token and with each role's)
                .open("GET /api/public/seals/{code}")
                .row("GET /api/admin/projections", ADMIN)
                .row("GET /api/admin/projections/{name}", ADMIN)
                .row("POST /api/admin/projections/{name}/rebuild", ADMIN)
                .row("POST /api/admin/projections/{name}/dead-letters/retry", ADMIN);
        deployable(Deployable.AUDIT_SERVICE)
                .row("GET /api/audit/{year}", STAFF, AUDITOR)
                .row("GET /api/audit/verify", STAFF, AUDITOR)
                .row("GET /api/audit/as-of", STAFF, AUDITOR)
                .row("GET /api/audit/explanations/{period}", STAFF, AUDITOR)
                // an access request (Art. 15 GDPR) opens personal data: the Servicebüro answers it, nobody else
                .row("GET /api/audit/persons/{personId}", STAFF)
                // what leaves the house and what costs a full replay: the auditors only
                .row("GET /api/audit/exports/{year}", AUDITOR)
                .row("GET /api/audit/exports/period/{period}", AUDITOR)
                .row("POST /api/audit/replays", AUDITOR)
                .row("GET /api/audit/replays/{id}", AUDITOR)
                .row("GET /api/audit/replays/{id}/report.md", AUDITOR)
                .row("GET /api/audit/replays/{id}/report.html", AUDITOR)
                .row("GET /api/admin/projections", ADMIN)
                .row("GET /api/admin/projections/{name}", ADMIN)
                .row("POST /api/admin/projections/{name}/rebuild", ADMIN)
                .row("POST /api/admin/projections/{name}/dead-letters/retry", ADMIN);
    }

    private RoleTable() {
    }

    /** Operation ({@code "METHOD /path"} as the API document writes it) to the roles admitted to it. */
    public static Map<String, Set<Role>> of(Deployable deployable) {
        return Collections.unmodifiableMap(TABLE.get(deployable));
    }

    private static Rows deployable(Deployable deployable) {
        Map<String, Set<Role>> rows = new LinkedHashMap<>();
        TABLE.put(deployable, rows);
        return new Rows(rows);
    }

    private record Rows(Map<String, Set<Role>> rows) {
        Rows row(String operation, Role first, Role... more) {
            if (rows.put(operation, Collections.unmodifiableSet(EnumSet.of(first, more))) != null) {
                throw new IllegalStateException("two rows for " + operation);
            }
            return this;
        }

        /** An operation anyone may call without a token. */
        Rows open(String operation) {
            if (rows.put(operation, RoleMatrix.PUBLIC) != null) {
                throw new IllegalStateException("two rows for " + operation);
            }
            return this;
        }
    }
}
