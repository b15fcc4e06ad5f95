package de.lokalebuendnisse.identity.issuer.web;

import de.lokalebuendnisse.identity.issuer.testing.IssuerRunner;
import de.lokalebuendnisse.identity.issuer.testing.SharedIssuer;
import de.lokalebuendnisse.identity.issuer.testing.TokenRequests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the issuer refuses, and that its refusals say nothing about its insides. */
@ExtendWith(SharedIssuer.class)
class RefusalsTest {

    private static IssuerRunner issuer;

    @BeforeAll
    static void useTheSharedIssuer(IssuerRunner shared) {
        issuer = shared;
    }

    @Test
    void a_wrong_secret_is_refused_with_401() {
        HttpResponse<String> answer = TokenRequests.clientCredentials(issuer.url(), "servicebuero",
                issuer.secret("crm"));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(TokenRequests.json(answer)).containsEntry("error", "invalid_client");
        assertNoInsides(answer);
    }

    @Test
    void an_unknown_client_is_refused_with_401() {
        HttpResponse<String> answer = TokenRequests.clientCredentials(issuer.url(), "lbf-web", "anything");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(TokenRequests.json(answer)).containsEntry("error", "invalid_client");
        assertNoInsides(answer);
    }

    @Test
    void the_password_grant_is_refused_with_an_OAuth2_error() {
        HttpResponse<String> answer = TokenRequests.postForm(issuer.url() + "/oauth2/token",
                Map.of("grant_type", "password", "username", "servicebuero", "password", "x",
                        "client_id", "servicebuero", "client_secret", issuer.secret("servicebuero")), null);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(TokenRequests.json(answer)).containsEntry("error", "unsupported_grant_type");
        assertNoInsides(answer);
    }

    @Test
    void a_malformed_basic_header_answers_without_insides() {
        HttpResponse<String> answer = TokenRequests.postForm(issuer.url() + "/oauth2/token",
                Map.of("grant_type", "client_credentials"), "Basic %%%not-base64");

        assertThat(answer.statusCode()).isBetween(400, 401);
        assertNoInsides(answer);
    }

    @Test
    void other_paths_are_closed() {
        HttpResponse<String> answer = TokenRequests.get(issuer.url() + "/actuator/env");

        assertThat(answer.statusCode()).isIn(401, 403, 404);
        assertNoInsides(answer);
    }

    private static void assertNoInsides(HttpResponse<String> answer) {
        assertThat(answer.body()).doesNotContain("Exception", "at org.", "at de.", "springframework", "trace");
    }
}
