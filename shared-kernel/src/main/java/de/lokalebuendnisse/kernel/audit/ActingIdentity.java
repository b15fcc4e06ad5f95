package de.lokalebuendnisse.kernel.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who caused a recorded event, as the verified access token of the command that led to it named them (events caused
 * by a process carry the identity of the command that started it). Read from the event's metadata under the keys
 * the command side writes (the platform's {@code MetadataKeys.IDENTITY}). Events stored before tokens were required
 * have none: their caller only declared a name, which the audit history shows as {@code caller} and which is not
 * passed off as an identity here.
 *
 * @param name    the display name ({@code caller})
 * @param subject the token's subject ({@code callerSubject})
 * @param client  the OAuth2 client the token was issued to ({@code callerClient})
 * @param role    the role the command was admitted under ({@code callerRole}): service, staff, auditor or admin
 */
public record ActingIdentity(String name, String subject, String client, String role) {

    /** The identity in {@code metaData}; null when it carries none (an event stored before tokens were required). */
    public static ActingIdentity of(Map<String, ?> metaData) {
        if (metaData == null) {
            return null;
        }
        String subject = text(metaData.get("callerSubject"));
        String client = text(metaData.get("callerClient"));
        String role = text(metaData.get("callerRole"));
        if (subject == null && client == null && role == null) {
            return null;
        }
        return new ActingIdentity(text(metaData.get("caller")), subject, client, role);
    }

    /**
     * For reports and the command line: the name, then the role, subject and client that are known, e.g.
     * {@code Anna Schmidt (staff, subject 5d1c…, client servicebuero-portal)}.
     */
    public String label() {
        List<String> verified = new ArrayList<>();
        if (role != null) {
            verified.add(role);
        }
        if (subject != null) {
            verified.add("subject " + subject);
        }
        if (client != null) {
            verified.add("client " + client);
        }
        String who = name == null ? "" : name;
        if (verified.isEmpty()) {
            return who;
        }
        return (who.isEmpty() ? "" : who + " ") + "(" + String.join(", ", verified) + ")";
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
