package de.lokalebuendnisse.query.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.buendnis.ContactPersonAdded;
import de.lokalebuendnisse.kernel.common.Bundesland;
import de.lokalebuendnisse.kernel.person.ContactDetails;
import de.lokalebuendnisse.kernel.person.ContactFunction;
import de.lokalebuendnisse.kernel.person.Engagement;
import de.lokalebuendnisse.kernel.person.PersonId;
import de.lokalebuendnisse.kernel.seal.VerificationCode;
import de.lokalebuendnisse.platform.personal.PersonalDataCipher;
import de.lokalebuendnisse.platform.projection.Projections;
import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public verification over HTTP, without a token: a granted seal is valid (page and signed credential), a
 * revoked one says so with the day and without the reason, an unknown code is unknown; the credential's proof
 * checks with the key published at the well-known path, offline, and fails after a one-byte change; no answer
 * carries personal data (contact canaries, the revocation reason); too many requests of one client are answered
 * 429 with Retry-After. The events are appended to the store directly, standing in for the command side.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING,
                "lbf.verification.base-url=https://siegel.lbf.test/",
                // more than the tests before the last one send, so that only the last one meets the limit
                "lbf.verification.rate-limit.limit=60",
                "lbf.verification.rate-limit.period=10m"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SealVerificationEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REASON_CANARY = "Prüfvermerk-Kanarie-4711";
    private static final List<String> PERSONAL_CANARIES = List.of("Klara Kanarienvogel", "klara@kanarienvogel.example",
            "0221 7654321", REASON_CANARY);

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        TemporaryDataFolder.register(registry, "lbf-seal-verification");
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    Projections projections;
    @Autowired
    PersonalDataCipher cipher;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> answers = new ArrayList<>();
    private SealEvents events;
    private VerificationCode hamm;
    private VerificationCode koeln;
    private VerificationCode nord;

    @BeforeAll
    void grantedSeals() {
        events = new SealEvents(eventStore);
        events.register("hamm", "Lokales Bündnis für Familie Hamm", "05915000", Bundesland.NW, "Hamm");
        PersonId klara = PersonId.of("klara-1");
        events.append("buendnis:hamm", new ContactPersonAdded(BuendnisId.of("hamm"), klara, cipher.seal(klara,
                new ContactDetails("Klara Kanarienvogel", ContactFunction.KOORDINATION, Engagement.VOLUNTEER,
                        "klara@kanarienvogel.example", "0221 7654321", null)), true));
        events.register("koeln", "Kölner Bündnis für Familien", "05315000", Bundesland.NW, "Köln");
        events.register("nord", "Bündnis \"Eltern & Kinder\" <Nord>", "01002000", Bundesland.SH, "Kiel");
        events.openPeriod();
        hamm = events.grant("hamm");
        koeln = events.grant("koeln");
        nord = events.grant("nord");
    }

    @Test
    @Order(1)
    void aGrantedSealIsValidOnItsPageWithoutAToken() {
        Answer page = get("/verify/" + hamm.grouped());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("data-state=\"valid\"", "Gültig", "Lokales Bündnis für Familie Hamm",
                "Hamm (Nordrhein-Westfalen)", "Ausgezeichnetes Bündnis 2024/25", "2024/25, gültig bis Ende 2025",
                "22.11.2024 beim Bündnisdialog in Berlin", "Bündnisumfrage", hamm.grouped());
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.body()).doesNotContain("<script");
    }

    @Test
    @Order(2)
    void theCodeIsReadAsTypedLowerCaseWithoutDashesAndWithConfusableLetters() {
        String typed = hamm.value().toLowerCase().replace('1', 'l').replace('0', 'o');
        assertThat(get("/verify/" + typed).body()).contains("data-state=\"valid\"", "Lokales Bündnis für Familie Hamm");
    }

    @Test
    @Order(3)
    void theCredentialIsAnOpenBadgeWhoseProofChecksWithThePublishedKey() throws Exception {
        Answer answer = get("/api/public/seals/" + hamm.grouped());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode credential = JSON.readTree(answer.body());

        assertThat(credential.path("@context").get(0).asText()).isEqualTo("https://www.w3.org/ns/credentials/v2");
        assertThat(credential.path("@context").get(1).asText()).startsWith("https://purl.imsglobal.org/spec/ob/v3p0/");
        assertThat(credential.path("type").toString()).isEqualTo("[\"VerifiableCredential\",\"OpenBadgeCredential\"]");
        assertThat(credential.path("id").asText()).isEqualTo("https://siegel.lbf.test/api/public/seals/" + hamm.grouped());
        assertThat(credential.path("issuer").path("type").get(0).asText()).isEqualTo("Profile");
        assertThat(credential.path("issuer").path("name").asText()).contains("Familie");
        assertThat(credential.path("validFrom").asText()).isEqualTo("2024-11-22T00:00:00+01:00");
        assertThat(credential.path("validUntil").asText()).isEqualTo("2025-12-31T23:59:59+01:00");
        JsonNode subject = credential.path("credentialSubject");
        assertThat(subject.path("type").get(0).asText()).isEqualTo("AchievementSubject");
        assertThat(subject.path("name").asText()).isEqualTo("Lokales Bündnis für Familie Hamm");
        assertThat(subject.path("achievement").path("type").get(0).asText()).isEqualTo("Achievement");
        assertThat(subject.path("achievement").path("name").asText()).isEqualTo("Ausgezeichnetes Bündnis 2024/25");
        assertThat(subject.path("achievement").path("criteria").path("narrative").asText()).isNotBlank();
        assertThat(credential.path("credentialStatus").path("status").asText()).isEqualTo("valid");
        assertThat(credential.path("proof").path("cryptosuite").asText()).isEqualTo("eddsa-jcs-2022");

        PublicKey key = publishedKey(credential.path("proof").path("verificationMethod").asText());
        assertThat(proofHolds(answer.body(), key)).isTrue();
    }

    @Test
    @Order(4)
    void aOneByteChangeBreaksTheProof() throws Exception {
        Answer answer = get("/api/public/seals/" + hamm.grouped());
        PublicKey key = publishedKey(JSON.readTree(answer.body()).path("proof").path("verificationMethod").asText());
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        String before = answer.body().substring(0, answer.body().indexOf("Familie Hamm") + "Familie Ham".length());
        int at = before.getBytes(StandardCharsets.UTF_8).length;
        bytes[at] = 'n';
        String changed = new String(bytes, StandardCharsets.UTF_8);

        assertThat(changed).contains("Familie Hamn");
        assertThat(proofHolds(changed, key)).isFalse();
        assertThat(proofHolds(answer.body(), key)).isTrue();
    }

    @Test
    @Order(5)
    void aRevokedSealSaysSoWithTheDayAndWithoutTheReason() throws Exception {
        assertThat(get("/verify/" + koeln.grouped()).body()).contains("data-state=\"valid\"");
        events.revoke("koeln", REASON_CANARY);

        Answer page = get("/verify/" + koeln.grouped());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-state=\"revoked\"", "Widerrufen", "Der Grund wird nicht veröffentlicht",
                "Kölner Bündnis für Familien");
        Answer answer = get("/api/public/seals/" + koeln.grouped());
        JsonNode status = JSON.readTree(answer.body()).path("credentialStatus");
        assertThat(status.path("status").asText()).isEqualTo("revoked");
        assertThat(status.path("revokedOn").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(page.body()).contains(germanDate(status.path("revokedOn").asText()));
        // the revoked state is signed too: claiming "valid" breaks the proof
        PublicKey key = publishedKey(JSON.readTree(answer.body()).path("proof").path("verificationMethod").asText());
        assertThat(proofHolds(answer.body(), key)).isTrue();
        assertThat(proofHolds(answer.body().replace("\"revoked\"", "\"valid\""), key)).isFalse();
    }

    @Test
    @Order(6)
    void anUnknownCodeIsUnknownAsPageAndAsProblem() {
        String unknown = VerificationCode.ofGrantEvent("no-such-event").grouped();
        Answer page = get("/verify/" + unknown);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("data-state=\"unknown\"", "Unbekannt");

        Answer problem = get("/api/public/seals/" + unknown);
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.contentType()).startsWith("application/problem+json");
        assertThat(problem.body()).contains("\"field\":\"code\"", "\"rule\":\"known\"");

        // what cannot be a code is unknown the same way: the answer tells nothing of the format
        for (String notACode : List.of("hello", "8T76-G7YS-ZYR8-M7HY-CTTU", "%C3%A4%C3%B6")) {
            assertThat(get("/verify/" + notACode).status()).as(notACode).isEqualTo(404);
            assertThat(get("/api/public/seals/" + notACode).body()).as(notACode).contains("\"rule\":\"known\"");
        }
    }

    @Test
    @Order(7)
    void absurdInputIsRefusedNamingTheField() {
        Answer problem = get("/api/public/seals/" + "A".repeat(65));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.body()).contains("\"field\":\"code\"", "\"rule\":\"max-length\"");
        assertThat(get("/api/public/seals/" + hamm.grouped() + "?unknown=1").body())
                .contains("\"rule\":\"known-parameter\"");
    }

    @Test
    @Order(8)
    void valuesAreEscapedOnThePage() {
        Answer page = get("/verify/" + nord.grouped());
        assertThat(page.body()).contains("Bündnis &quot;Eltern &amp; Kinder&quot; &lt;Nord&gt;")
                .doesNotContain("<Nord>");
    }

    @Test
    @Order(9)
    void aTokenIsNotNeededButDoesNoHarm() {
        assertThat(get("/verify/" + hamm.grouped(), "Authorization", TestTokens.bearer(Role.STAFF)).status())
                .isEqualTo(200);
        Answer key = get("/.well-known/lbf-seal-key.json");
        assertThat(key.status()).isEqualTo(200);
        assertThat(key.body()).contains("\"kty\":\"OKP\"", "\"crv\":\"Ed25519\"").doesNotContain("\"d\"");
    }

    @Test
    @Order(10)
    void noAnswerCarriesPersonalData() {
        assertThat(answers).hasSizeGreaterThan(10);
        for (String answer : answers) {
            for (String canary : PERSONAL_CANARIES) {
                assertThat(answer).doesNotContain(canary);
            }
        }
    }

    /** Last: it spends the client's allowance. */
    @Test
    @Order(100)
    void aClientThatAsksTooOftenIsToldToComeBackLater() {
        Answer last = null;
        for (int i = 0; i <= 60; i++) {
            last = get("/api/public/seals/" + hamm.grouped());
            if (last.status() == 429) {
                break;
            }
        }
        assertThat(last.status()).as("within the allowance of 60").isEqualTo(429);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(last.body()).contains("\"field\":\"client\"", "\"rule\":\"rate-limit\"");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 600L);

        Answer page = get("/verify/" + hamm.grouped());
        assertThat(page.status()).isEqualTo(429);
        assertThat(page.body()).contains("Zu viele Anfragen");
        assertThat(page.header("Retry-After")).isNotBlank();
        // the key stays available: checking a credential offline needs no allowance
        assertThat(get("/.well-known/lbf-seal-key.json").status()).isEqualTo(200);
    }

    // ---- an offline verifier, as a third party would write it: JCS, SHA-256, Ed25519 from the JDK

    private PublicKey publishedKey(String verificationMethod) throws Exception {
        assertThat(verificationMethod).startsWith("https://siegel.lbf.test/.well-known/lbf-seal-key.json#");
        JsonNode jwk = JSON.readTree(get("/.well-known/lbf-seal-key.json").body());
        assertThat(verificationMethod).endsWith("#" + jwk.path("kid").asText());
        byte[] x = Base64.getUrlDecoder().decode(jwk.path("x").asText());
        byte[] encoded = new byte[44];
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        System.arraycopy(prefix, 0, encoded, 0, 12);
        System.arraycopy(x, 0, encoded, 12, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    @SuppressWarnings("unchecked")
    private static boolean proofHolds(String body, PublicKey key) throws Exception {
        Map<String, Object> document = JSON.readValue(body, LinkedHashMap.class);
        Map<String, Object> proof = new LinkedHashMap<>((Map<String, Object>) document.remove("proof"));
        String proofValue = (String) proof.remove("proofValue");
        proof.put("@context", document.get("@context"));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] proofHash = sha.digest(de.lokalebuendnisse.query.seal.Jcs.canonical(proof)
                .getBytes(StandardCharsets.UTF_8));
        byte[] documentHash = sha.digest(de.lokalebuendnisse.query.seal.Jcs.canonical(document)
                .getBytes(StandardCharsets.UTF_8));
        byte[] data = new byte[64];
        System.arraycopy(proofHash, 0, data, 0, 32);
        System.arraycopy(documentHash, 0, data, 32, 32);
        assertThat(proofValue).startsWith("z");
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(de.lokalebuendnisse.query.seal.Base58.decode(proofValue.substring(1)));
    }

    private static String germanDate(String iso) {
        return iso.substring(8, 10) + "." + iso.substring(5, 7) + "." + iso.substring(0, 4);
    }

    private Answer get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Event-Position", String.valueOf(projections.headPosition()));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            answers.add(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }

    private record Answer(int status, String contentType, String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }
}
