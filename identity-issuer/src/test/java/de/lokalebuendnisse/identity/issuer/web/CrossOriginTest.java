package de.lokalebuendnisse.identity.issuer.web;

import de.lokalebuendnisse.identity.issuer.testing.IssuerRunner;
import de.lokalebuendnisse.identity.issuer.testing.SharedIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' Swagger UI may fetch a token from the browser; no other page and no other path may. */
@ExtendWith(SharedIssuer.class)
class CrossOriginTest {

    private static IssuerRunner issuer;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void useTheSharedIssuer(IssuerRunner shared) {
        issuer = shared;
    }

    @Test
    void a_configured_origin_may_post_to_the_token_endpoint() throws Exception {
        HttpResponse<Void> preflight = preflight("/oauth2/token", "http://localhost:8082", "POST");

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8082");
    }

    @Test
    void a_configured_origin_may_read_the_keys_and_discovery() throws Exception {
        for (String path : new String[] {"/oauth2/jwks", "/.well-known/openid-configuration"}) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.url() + path))
                    .header("Origin", "http://localhost:8081").GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as(path)
                    .hasValue("http://localhost:8081");
        }
    }

    @Test
    void another_origin_is_not_allowed() throws Exception {
        HttpResponse<Void> preflight = preflight("/oauth2/token", "http://elsewhere.example", "POST");

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void other_paths_are_not_open_to_other_origins() throws Exception {
        HttpResponse<Void> preflight = preflight("/actuator/health", "http://localhost:8082", "GET");

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static HttpResponse<Void> preflight(String path, String origin, String method)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.url() + path))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }
}
