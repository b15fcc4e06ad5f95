package de.lokalebuendnisse.platform.http;

import de.lokalebuendnisse.kernel.common.Refusal;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tomcat's error report as problem+json instead of an HTML page: for what Tomcat refuses before the application
 * sees the request (an encoded slash, NUL or backslash in the path, a bare CR, headers too large, a malformed
 * request line). Says what is wrong in general terms: Tomcat's own message is not passed on.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Refusal.Reason reason = switch (status) {
            case 400 -> new Refusal.Reason("request", "http-syntax", "the request line, path or headers are "
                    + "malformed or not allowed (e.g. an encoded slash, NUL or backslash in the path, a bare CR, "
                    + "headers too large)");
            case 404 -> new Refusal.Reason("path", "known", "no such resource");
            case 413 -> new Refusal.Reason("body", "max-body-size", "the body is too large");
            case 414, 431 -> new Refusal.Reason("request", "request-size", "the request line or headers are too large");
            default -> status >= 500
                    ? new Refusal.Reason(null, "server-error", "the request could not be handled; retry later")
                    : new Refusal.Reason("request", "http-syntax", "the request was refused");
        };
        try {
            byte[] body = Problems.json(status, List.of(reason)).getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing left to tell
        }
    }
}
