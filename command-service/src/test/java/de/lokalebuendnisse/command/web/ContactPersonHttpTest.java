package de.lokalebuendnisse.command.web;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.TemporaryDataFolder;
import de.lokalebuendnisse.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contact persons over HTTP, as the Servicebüro adds and erases them: the canary values sent never reach the event
 * store, neither its file nor a payload; an erasure deletes the person's key row; a reason carrying an e-mail
 * address is refused before anything is recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class ContactPersonHttpTest {

    private static final String CANARY_NAME = "Kanarienvogel Zwitscherling";
    private static final String CANARY_EMAIL = "zwitscherling@kanarien.example";
    private static final String CANARY_PHONE = "+49 30 987654321";
    /** The phone's digits as they would appear however the number is formatted. */
    private static final String CANARY_DIGITS = "987654321";

    private static Path data;

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        data = TemporaryDataFolder.register(registry, "lbf-command-contacts");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource eventStore;

    @Test
    void theDetailsAreStoredOnlySealedAndAnErasureDeletesTheKey() {
        Http staff = new Http(port).as(Role.STAFF);
        String alliance = register(staff);

        Http.Answer added = staff.post("/api/buendnisse/" + alliance + "/contacts", Http.json("""
                {'name': '%s', 'function': 'KOORDINATION', 'engagement': 'VOLUNTEER', 'email': '%s',
                 'phone': '%s', 'primary': true}""".formatted(CANARY_NAME, CANARY_EMAIL, CANARY_PHONE)),
                "Idempotency-Key", UUID.randomUUID().toString());

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String personId = added.json().path("personId").asText();
        assertThat(personId).isNotBlank();
        List<String> payloads = payloads();
        assertThat(payloads).anySatisfy(payload -> assertThat(payload)
                .contains("\"personId\":\"" + personId + "\"").contains("AES-256-GCM"));
        assertThat(String.join("\n", payloads))
                .doesNotContain(CANARY_NAME).doesNotContain("Zwitscherling").doesNotContain(CANARY_EMAIL)
                .doesNotContain("kanarien").doesNotContain(CANARY_DIGITS);
        String files = everyStoredByte();
        assertThat(files).as("the stored files are read at all").contains(personId);
        assertThat(files).doesNotContain("Zwitscherling").doesNotContain("zwitscherling@")
                .doesNotContain(CANARY_DIGITS);
        assertThat(keyRows(personId)).isEqualTo(1);

        Http.Answer erased = staff.post("/api/buendnisse/" + alliance + "/contacts/" + personId + "/erasure",
                Http.json("{'legalBasis': 'ART_17_1_B', 'reason': 'Einwilligung widerrufen'}"));

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(keyRows(personId)).isZero();
        assertThat(payloads()).anySatisfy(payload -> assertThat(payload).contains("\"legalBasis\":\"ART_17_1_B\""));

        Http.Answer again = staff.post("/api/buendnisse/" + alliance + "/contacts/" + personId + "/erasure",
                Http.json("{'legalBasis': 'ART_17_1_B'}"));
        assertThat(again.status()).as("erasing again changes nothing").isEqualTo(200);
    }

    @Test
    void aReasonCarryingPersonalDataIsRefusedAndNothingIsRecorded() {
        Http staff = new Http(port).as(Role.STAFF);
        String alliance = register(staff);
        String personId = staff.post("/api/buendnisse/" + alliance + "/contacts", Http.json("""
                {'name': 'Berta Beispiel', 'function': 'SPRECHERIN', 'engagement': 'PROFESSIONAL',
                 'email': 'berta@beispiel.example'}""")).json().path("personId").asText();
        long before = events();

        Http.Answer erasure = staff.post("/api/buendnisse/" + alliance + "/contacts/" + personId + "/erasure",
                Http.json("{'legalBasis': 'ART_17_1_A', 'reason': 'auf Wunsch, Antwort an berta@beispiel.example'}"));
        Http.Answer pause = staff.post("/api/buendnisse/" + alliance + "/pause",
                Http.json("{'reason': 'Rückfragen an Frau Beispiel'}"));
        Http.Answer dissolve = staff.post("/api/buendnisse/" + alliance + "/dissolve",
                Http.json("{'dissolvedOn': '2025-06-30', 'reason': 'Auskunft unter 0221 123 456 78'}"));

        for (Http.Answer refused : List.of(erasure, pause, dissolve)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.rules()).containsExactly("no-personal-data");
            assertThat(refused.fields()).containsExactly("reason");
            assertThat(refused.body()).doesNotContain("berta@").doesNotContain("123 456");
        }
        assertThat(events()).isEqualTo(before);
        assertThat(keyRows(personId)).as("the refused erasure left the key").isEqualTo(1);
    }

    @Test
    void aContactNeedsAnEmailAddressOrAPhoneNumberAndTheirFormsAreChecked() {
        Http staff = new Http(port).as(Role.STAFF);
        String alliance = register(staff);

        Http.Answer neither = staff.post("/api/buendnisse/" + alliance + "/contacts", Http.json("""
                {'name': 'Berta Beispiel', 'function': 'OTHER', 'engagement': 'PROFESSIONAL'}"""));
        Http.Answer badForms = staff.post("/api/buendnisse/" + alliance + "/contacts", Http.json("""
                {'name': 'Berta Beispiel', 'function': 'OTHER', 'engagement': 'PROFESSIONAL',
                 'email': 'keine-adresse', 'language': 'DE'}"""));

        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.rules()).containsExactly("email-or-phone");
        assertThat(badForms.status()).isEqualTo(400);
        assertThat(badForms.rules()).containsExactly("email-format");
    }

    private String register(Http http) {
        String id = "kontakt-" + UUID.randomUUID();
        Http.Answer answer = http.post("/api/buendnisse", Http.json("""
                {'id': '%s', 'name': 'Lokales Bündnis für Familie Hamm', 'municipalityKey': '05915000',
                 'place': 'Hamm', 'bundesland': 'DE-NW', 'organisationForm': 'WORKING_GROUP',
                 'foundedOn': '2006-05-15', 'fieldsOfAction': ['CHILD_CARE']}""".formatted(id)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return id;
    }

    private List<String> payloads() {
        return new JdbcTemplate(eventStore).queryForList("select payload from DomainEventEntry", byte[].class)
                .stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    private long events() {
        return new JdbcTemplate(eventStore).queryForObject("select count(*) from DomainEventEntry", Long.class);
    }

    /** Every file in the data folder (event store, key store, the service's Mongo stand-in), as ISO-8859-1 text. */
    private static String everyStoredByte() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    private static int keyRows(String personId) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:h2:file:" + data.resolve("person-keys") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "sa", "");
             PreparedStatement select = connection.prepareStatement(
                     "select count(*) from person_keys where person_id = ?")) {
            select.setString(1, personId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
