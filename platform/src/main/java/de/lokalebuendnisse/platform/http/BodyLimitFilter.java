package de.lokalebuendnisse.platform.http;

import de.lokalebuendnisse.kernel.common.Refusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads at most {@code lbf.api.max-body-bytes} of a request body before anything parses it: a longer body, whether
 * announced by {@code Content-Length} or sent chunked, is answered with 413 problem+json without being read on.
 * The accepted body is kept in memory and handed on, so a service holds at most the limit per request.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {

    /** Request attribute: how many bytes the body had (0 when none). */
    public static final String BODY_LENGTH = BodyLimitFilter.class.getName() + ".length";

    private final long limit;
    private final List<Larger> larger;

    private record Larger(PathPattern pattern, long limit) {
    }

    public BodyLimitFilter(long limit) {
        this(limit, List.of());
    }

    /** @param larger paths with a larger limit of their own (uploads); the first that matches applies */
    public BodyLimitFilter(long limit, List<LargerBodyLimit> larger) {
        this.limit = limit;
        this.larger = larger.stream()
                .map(l -> new Larger(PathPatternParser.defaultInstance.parse(l.pathPattern()), l.maxBytes()))
                .toList();
    }

    private long limitFor(HttpServletRequest request) {
        if (larger.isEmpty()) {
            return limit;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PathContainer container = PathContainer.parsePath(path);
        return larger.stream().filter(l -> l.pattern().matches(container)).map(Larger::limit).findFirst()
                .orElse(limit);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        long announced = request.getContentLengthLong();
        if (announced > limit) {
            tooLarge(response, limit);
            return;
        }
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        HttpServletRequest next = request;
        if (announced <= 0 && !chunked) {
            request.setAttribute(BODY_LENGTH, 0);
        } else {
            byte[] body = readAtMost(request.getInputStream(), limit);
            if (body == null) {
                tooLarge(response, limit);
                return;
            }
            request.setAttribute(BODY_LENGTH, body.length);
            next = new CachedBodyRequest(request, body);
        }
        if (!queryReadable(next, response)) {
            return;
        }
        chain.doFilter(next, response);
    }

    /**
     * Parses the query string now, so that a broken one ({@code q=%ZZ}) is refused with 400 on every endpoint,
     * also on those that read no parameter, instead of failing later inside a handler.
     */
    private static boolean queryReadable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getQueryString() == null) {
            return true;
        }
        try {
            request.getParameterMap();
            return true;
        } catch (RuntimeException e) {
            Refusal.Reason known = BoundaryProblems.knownFailure(e);
            if (known == null) {
                throw e;
            }
            Problems.write(response, 400, List.of(known));
            return false;
        }
    }

    private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        response.setHeader("Connection", "close");
        Problems.write(response, 413, List.of(new Refusal.Reason("body", "max-body-size",
                "the body must have at most " + limit + " bytes")));
    }

    /** The body, or {@code null} when it is longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (body.size() + (long) read > limit) {
                return null;
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }
}
