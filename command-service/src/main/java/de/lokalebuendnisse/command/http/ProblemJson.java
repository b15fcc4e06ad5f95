package de.lokalebuendnisse.command.http;

import de.lokalebuendnisse.kernel.common.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static de.lokalebuendnisse.kernel.common.JsonText.quoted;

/**
 * The one shape of a refusal on the wire: status, title and type by its kind, {@code violations} by its reasons.
 * Used by the controller advice and by the servlet filters that answer before any controller runs.
 */
public final class ProblemJson {

    private static final Map<Refusal.Kind, HttpStatus> STATUS = Map.of(
            Refusal.Kind.INVALID, HttpStatus.BAD_REQUEST,
            Refusal.Kind.NOT_FOUND, HttpStatus.NOT_FOUND,
            Refusal.Kind.CONFLICT, HttpStatus.CONFLICT,
            Refusal.Kind.RULE_VIOLATED, HttpStatus.UNPROCESSABLE_CONTENT);

    private static final Map<Refusal.Kind, String> TITLE = Map.of(
            Refusal.Kind.INVALID, "Invalid request",
            Refusal.Kind.NOT_FOUND, "Not found",
            Refusal.Kind.CONFLICT, "Conflict with recorded state",
            Refusal.Kind.RULE_VIOLATED, "Refused by a domain rule");

    private ProblemJson() {
    }

    public static HttpStatus status(Refusal refusal) {
        return STATUS.get(refusal.kind());
    }

    public static String title(Refusal refusal) {
        return TITLE.get(refusal.kind());
    }

    public static URI type(Refusal refusal) {
        return URI.create("urn:lbf:problem:" + refusal.kind().name().toLowerCase().replace('_', '-'));
    }

    /** Writes a refusal as {@code application/problem+json}, for filters that answer before Spring MVC does. */
    public static void write(HttpServletResponse response, Refusal refusal) throws IOException {
        StringBuilder violations = new StringBuilder();
        for (Refusal.Reason reason : refusal.reasons()) {
            violations.append(violations.isEmpty() ? "" : ",")
                    .append("{\"field\":").append(quoted(reason.field()))
                    .append(",\"rule\":").append(quoted(reason.rule()))
                    .append(",\"detail\":").append(quoted(reason.detail())).append('}');
        }
        response.setStatus(status(refusal).value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":" + quoted(type(refusal).toString())
                + ",\"title\":" + quoted(title(refusal))
                + ",\"status\":" + status(refusal).value()
                + ",\"detail\":" + quoted(refusal.summary())
                + ",\"violations\":[" + violations + "]}");
    }
}
