package de.lokalebuendnisse.identity.issuer.clients;

import java.util.Arrays;
import java.util.Optional;

/**
 * The only table of the embedded default's callers: each is a confidential client with the client credentials
 * grant, and its one realm role goes into the token's {@code roles} claim. In Keycloak staff and auditors are people
 * logging in through lbf-web; here they are clients, so one curl gets a token.
 */
public enum EmbeddedClient {

    SURVEY_IMPORT("survey-import", "service", "Umfrage-Import (eingebettet)"),
    WERKSTATT_REGISTRATION("werkstatt-registration", "service", "Werkstatt-Anmeldung (eingebettet)"),
    CRM("crm", "service", "CRM (eingebettet)"),
    SERVICEBUERO("servicebuero", "staff", "Servicebüro (eingebettet)"),
    PRUEFUNG("pruefung", "auditor", "Prüfung (eingebettet)"),
    OPERATIONS("operations", "admin", "Betrieb (eingebettet)");

    private final String clientId;
    private final String role;
    private final String displayName;

    EmbeddedClient(String clientId, String role, String displayName) {
        this.clientId = clientId;
        this.role = role;
        this.displayName = displayName;
    }

    public String clientId() {
        return clientId;
    }

    public String role() {
        return role;
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<EmbeddedClient> byClientId(String clientId) {
        return Arrays.stream(values()).filter(client -> client.clientId.equals(clientId)).findFirst();
    }
}
