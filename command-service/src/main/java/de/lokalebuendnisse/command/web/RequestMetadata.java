package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.command.http.ProblemJson;
import de.lokalebuendnisse.command.config.LbfProperties;
import de.lokalebuendnisse.kernel.common.Refusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads who calls ({@value #CALLER_HEADER}; authentication comes later) and the correlation id
 * ({@value #CORRELATION_HEADER}, generated when absent) and echoes the correlation id on the response. Both go into
 * the metadata of every command and so of every event the request causes, so a value that is not short and
 * printable is refused with 400 before anything runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestMetadata extends OncePerRequestFilter {

    public static final String CALLER_HEADER = "X-Caller";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    static final String CALLER_ATTRIBUTE = RequestMetadata.class.getName() + ".caller";
    static final String CORRELATION_ATTRIBUTE = RequestMetadata.class.getName() + ".correlationId";

    /** Header values end up in the event store: keep them short and printable. */
    private static final Pattern SAFE = Pattern.compile("[\\p{L}\\p{N} ._:@/+-]{1,128}");

    private final LbfProperties properties;

    public RequestMetadata(LbfProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String header : new String[] {CALLER_HEADER, CORRELATION_HEADER}) {
            String value = request.getHeader(header);
            if (value != null && !SAFE.matcher(value).matches()) {
                ProblemJson.write(response, new Refusal(Refusal.Kind.INVALID, List.of(new Refusal.Reason(header,
                        "header-format", "must be 1-128 letters, digits, spaces or ._:@/+-"))));
                return;
            }
        }
        String caller = orDefault(request.getHeader(CALLER_HEADER), properties.api().defaultCaller());
        String correlationId = orDefault(request.getHeader(CORRELATION_HEADER), UUID.randomUUID().toString());
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        request.setAttribute(CORRELATION_ATTRIBUTE, correlationId);
        response.setHeader(CORRELATION_HEADER, correlationId);
        chain.doFilter(request, response);
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
