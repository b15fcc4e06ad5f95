package de.lokalebuendnisse.identity.issuer.testing;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** Real HTTP to the issuer: token requests (client_secret_basic or _post) and GETs of its JSON documents. */
public final class TokenRequests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TokenRequests() {
    }

    /** A client credentials request with the secret in the Authorization header (client_secret_basic). */
    public static HttpResponse<String> clientCredentials(String issuerUrl, String clientId, String secret) {
        return postForm(issuerUrl + "/oauth2/token", Map.of("grant_type", "client_credentials"),
                "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    public static HttpResponse<String> postForm(String url, Map<String, String> form, String authorization) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new IllegalStateException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** The access token of a successful answer; fails with the answer otherwise. */
    public static String accessToken(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
        }
        return (String) json(response).get("access_token");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
