package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.command.config.LbfProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads who calls ({@value #CALLER_HEADER}; authentication comes later) and the correlation id
 * ({@value #CORRELATION_HEADER}, generated when absent) and echoes the correlation id on the response. Both go into
 * the metadata of every command and so of every event the request causes.
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
        String caller = safeOr(request.getHeader(CALLER_HEADER), properties.api().defaultCaller());
        String correlationId = safeOr(request.getHeader(CORRELATION_HEADER), UUID.randomUUID().toString());
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        request.setAttribute(CORRELATION_ATTRIBUTE, correlationId);
        response.setHeader(CORRELATION_HEADER, correlationId);
        chain.doFilter(request, response);
    }

    private static String safeOr(String value, String fallback) {
        return value != null && SAFE.matcher(value).matches() ? value : fallback;
    }
}
