package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.command.http.ProblemJson;
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
 * Reads the correlation id ({@value #CORRELATION_HEADER}, generated when absent) and echoes it on the response. It
 * goes into the metadata of every command and so of every event the request causes, so a value that is not short
 * and printable is refused with 400 before anything runs. Who calls comes from the access token alone
 * ({@code Callers}); a header that claims a caller, such as the former {@code X-Caller}, is ignored.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestMetadata extends OncePerRequestFilter {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    static final String CORRELATION_ATTRIBUTE = RequestMetadata.class.getName() + ".correlationId";

    /** Header values end up in the event store: keep them short and printable. */
    private static final Pattern SAFE = Pattern.compile("[\\p{L}\\p{N} ._:@/+-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String value = request.getHeader(CORRELATION_HEADER);
        if (value != null && !SAFE.matcher(value).matches()) {
            ProblemJson.write(response, new Refusal(Refusal.Kind.INVALID, List.of(new Refusal.Reason(
                    CORRELATION_HEADER, "header-format", "must be 1-128 letters, digits, spaces or ._:@/+-"))));
            return;
        }
        String correlationId = value != null ? value : UUID.randomUUID().toString();
        request.setAttribute(CORRELATION_ATTRIBUTE, correlationId);
        response.setHeader(CORRELATION_HEADER, correlationId);
        chain.doFilter(request, response);
    }
}
