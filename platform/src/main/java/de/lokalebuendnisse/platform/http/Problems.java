package de.lokalebuendnisse.platform.http;

import de.lokalebuendnisse.kernel.common.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static de.lokalebuendnisse.kernel.common.JsonText.quotedAscii;

/**
 * The documented error shape for what the HTTP edge refuses, in both services: {@code application/problem+json}
 * with {@code type}, {@code title}, {@code status}, {@code detail} and {@code violations[{field, rule, detail}]}.
 * Details are written for the caller: they never name code (classes, methods, stack traces).
 */
public final class Problems {

    private Problems() {
    }

    /** The problem type's last part ({@code urn:lbf:problem:<kind>}) for a status. */
    public static String kind(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "body-too-large";
            case 414, 431 -> "request-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "rule-violated";
            case 503 -> "unavailable";
            default -> status >= 500 ? "server-error" : "invalid";
        };
    }

    public static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Authentication required";
            case 403 -> "Role required";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict with recorded state";
            case 413 -> "Request body too large";
            case 414, 431 -> "Request too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Refused by a domain rule";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Server error" : "Invalid request";
        };
    }

    public static ResponseEntity<ProblemDetail> entity(HttpStatus status, Refusal.Reason... reasons) {
        return entity(status.value(), List.of(reasons));
    }

    public static ResponseEntity<ProblemDetail> entity(int status, List<Refusal.Reason> reasons) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), summary(reasons));
        problem.setTitle(title(status));
        problem.setType(URI.create("urn:lbf:problem:" + kind(status)));
        problem.setProperty("violations", reasons);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Writes the problem directly, for filters, the error page and Tomcat's error report. */
    public static void write(HttpServletResponse response, int status, List<Refusal.Reason> reasons)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] body = json(status, reasons).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        OutputStream out = response.getOutputStream();
        out.write(body);
        out.flush();
    }

    /** The problem as JSON text, everything outside printable ASCII escaped, so any transport keeps it intact. */
    public static String json(int status, List<Refusal.Reason> reasons) {
        StringBuilder violations = new StringBuilder();
        for (Refusal.Reason reason : reasons) {
            violations.append(violations.isEmpty() ? "" : ",")
                    .append("{\"field\":").append(quotedAscii(reason.field()))
                    .append(",\"rule\":").append(quotedAscii(reason.rule()))
                    .append(",\"detail\":").append(quotedAscii(reason.detail())).append('}');
        }
        return "{\"type\":" + quotedAscii("urn:lbf:problem:" + kind(status))
                + ",\"title\":" + quotedAscii(title(status))
                + ",\"status\":" + status
                + ",\"detail\":" + quotedAscii(summary(reasons))
                + ",\"violations\":[" + violations + "]}";
    }

    static String summary(List<Refusal.Reason> reasons) {
        return new Refusal(Refusal.Kind.INVALID, reasons).summary();
    }
}
