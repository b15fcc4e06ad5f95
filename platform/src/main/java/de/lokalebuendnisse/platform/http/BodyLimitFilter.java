package de.lokalebuendnisse.platform.http;

import de.lokalebuendnisse.kernel.common.Refusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

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

    public BodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long announced = request.getContentLengthLong();
        if (announced > limit) {
            tooLarge(response);
            return;
        }
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        HttpServletRequest next = request;
        if (announced <= 0 && !chunked) {
            request.setAttribute(BODY_LENGTH, 0);
        } else {
            byte[] body = readAtMost(request.getInputStream(), limit);
            if (body == null) {
                tooLarge(response);
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

    private void tooLarge(HttpServletResponse response) throws IOException {
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
