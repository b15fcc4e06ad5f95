package de.lokalebuendnisse.platform.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Arrays;

/**
 * Endpoints that take a body take JSON only ({@code application/json}, else 415); endpoints that take none refuse
 * any body (400, rule {@code no-body}) and any content type but JSON (415). So a plain HTML form on another site
 * (form-encoded, multipart or text/plain) triggers nothing. An upload endpoint ({@link MultipartUpload}) takes
 * multipart/form-data only.
 */
final class BodyRulesInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        boolean takesBody = Arrays.stream(method.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
        String contentType = request.getContentType();
        boolean json = contentType != null && isJson(contentType);
        Object length = request.getAttribute(BodyLimitFilter.BODY_LENGTH);
        boolean hasBody = length instanceof Integer bytes ? bytes > 0 : request.getContentLengthLong() > 0;
        if (method.hasMethodAnnotation(MultipartUpload.class)) {
            if (contentType == null || !isMultipart(contentType)) {
                throw new BodyRuleException(415, "Content-Type", "media-type",
                        "send the upload as multipart/form-data");
            }
            return true;
        }
        if (takesBody) {
            if (!json && (hasBody || contentType != null)) {
                throw new BodyRuleException(415, "Content-Type", "media-type",
                        "send the body as application/json");
            }
            return true; // no body at all: the endpoint says whether it needs one
        }
        if (contentType != null && !json) {
            throw new BodyRuleException(415, "Content-Type", "media-type",
                    "this endpoint takes no body; send none, or at most an empty application/json one");
        }
        if (hasBody) {
            throw new BodyRuleException(400, "body", "no-body", "this endpoint takes no body");
        }
        return true;
    }

    private static boolean isMultipart(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type) && type.getParameter("boundary") != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            boolean utf8 = type.getCharset() == null || "UTF-8".equalsIgnoreCase(type.getCharset().name());
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type) && utf8;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
