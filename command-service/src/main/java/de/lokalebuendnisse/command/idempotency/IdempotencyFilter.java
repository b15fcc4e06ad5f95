package de.lokalebuendnisse.command.idempotency;

import de.lokalebuendnisse.command.http.EventPosition;
import de.lokalebuendnisse.command.http.ProblemJson;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.platform.http.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import de.lokalebuendnisse.platform.security.Caller;
import de.lokalebuendnisse.platform.security.Callers;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POST: a retry with the same key and the same request gets the first answer back
 * (marked {@code Idempotent-Replayed: true}) and nothing runs twice. The same key with another request is refused
 * with 422; a retry while the first is still running gets 409. Server errors free the key for a retry.
 * <p>
 * A key belongs to the caller who sent it: it is kept together with the token's subject, so another caller's
 * request with the same key is a request of its own and never sees the first one's answer. That is also why this
 * filter runs after the security filters: an answer is replayed only to a caller who passed them.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** The request's key, for the command dispatcher; set only once the key is claimed for this request. */
    public static final String KEY_ATTRIBUTE = IdempotencyFilter.class.getName() + ".key";
    /** True when this request took over the claim of one that never finished. */
    public static final String TAKEN_OVER_ATTRIBUTE = IdempotencyFilter.class.getName() + ".takenOver";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final IdempotencyRecords records;
    private final EventPosition eventPosition;

    private final Callers callers;

    public IdempotencyFilter(IdempotencyRecords records, EventPosition eventPosition, Callers callers) {
        this.records = records;
        this.eventPosition = eventPosition;
        this.callers = callers;
    }

    /**
     * The key as recorded: the caller's subject, its length first so no two callers' keys can meet, then the key
     * the caller sent.
     */
    public static String recordKey(String subject, String sent) {
        return subject.length() + ":" + subject + "|" + sent;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String sent = request.getHeader(HEADER);
        if (!KEY.matcher(sent).matches()) {
            problem(response, Refusal.Kind.INVALID, "idempotency-key-format",
                    "must be 1-200 visible ASCII characters, e.g. a UUID");
            return;
        }
        String key = recordKey(callers.caller().map(Caller::subject).orElse(""), sent);
        byte[] body = request.getInputStream().readAllBytes();
        String fingerprint = fingerprint(request, body);

        IdempotencyRecords.Claim claim = records.claim(key, fingerprint);
        if (claim == IdempotencyRecords.Claim.HELD) {
            Optional<IdempotencyRecords.Answer> earlier = records.find(key);
            if (earlier.isEmpty()) {
                problem(response, Refusal.Kind.CONFLICT, "idempotency-key-in-use",
                        "a request with this Idempotency-Key is being processed; retry shortly");
            } else if (!earlier.get().fingerprint().equals(fingerprint)) {
                problem(response, Refusal.Kind.RULE_VIOLATED, "idempotency-key-reused",
                        "this Idempotency-Key was used for a different request");
            } else if (earlier.get().pending()) {
                problem(response, Refusal.Kind.CONFLICT, "idempotency-key-in-use",
                        "a request with this Idempotency-Key is being processed; retry shortly");
            } else {
                replay(response, earlier.get());
            }
            return;
        }

        request.setAttribute(KEY_ATTRIBUTE, key);
        request.setAttribute(TAKEN_OVER_ATTRIBUTE, claim == IdempotencyRecords.Claim.TAKEN_OVER);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            // lets the controller read the body this filter already read for the fingerprint
            chain.doFilter(new CachedBodyRequest(request, body), captured);
            if (captured.getStatus() < 500) {
                records.complete(key, captured.getStatus(), captured.getContentType(),
                        captured.getHeader(HttpHeaders.LOCATION),
                        new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8));
                completed = true;
            }
        } finally {
            if (!completed) {
                records.release(key);
            }
            captured.copyBodyToResponse();
        }
    }

    private void replay(HttpServletResponse response, IdempotencyRecords.Answer answer) throws IOException {
        response.setStatus(answer.status());
        response.setHeader(REPLAYED_HEADER, "true");
        if (answer.status() < 300) {
            // the first answer's events are at or below today's head
            eventPosition.writeTo(response);
        }
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.body() != null) {
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(answer.body());
        }
    }

    private static void problem(HttpServletResponse response, Refusal.Kind kind, String rule, String detail)
            throws IOException {
        ProblemJson.write(response, new Refusal(kind, List.of(new Refusal.Reason(HEADER, rule, detail))));
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
