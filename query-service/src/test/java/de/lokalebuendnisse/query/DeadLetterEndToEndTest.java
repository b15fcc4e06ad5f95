package de.lokalebuendnisse.query;

import de.lokalebuendnisse.platform.security.Role;
import de.lokalebuendnisse.platform.testing.TestTokens;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.kernel.common.AwardPeriod;
import de.lokalebuendnisse.kernel.seal.AwardCeremony;
import de.lokalebuendnisse.kernel.seal.GrantBasis;
import de.lokalebuendnisse.kernel.seal.SealGranted;
import de.lokalebuendnisse.kernel.seal.SealRevoked;
import de.lokalebuendnisse.platform.testing.Http;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import de.lokalebuendnisse.query.testing.ServicesBeside;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;

import static de.lokalebuendnisse.platform.testing.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event a projection cannot handle lands in that projection's dead-letter queue, later events of the same
 * aggregate wait behind it, and every other aggregate goes on. The poison is a seal grant without its evidence,
 * appended straight to the event store as a faulty release or a hand-made repair might.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ISSUER_SETTING, TestTokens.KEY_SETTING})
class DeadLetterEndToEndTest {

    @RegisterExtension
    static final ServicesBeside SERVICES = ServicesBeside.commandService("dead-letter-e2e");

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        registry.add("lbf.data-dir", () -> SERVICES.dataDir().toString());
    }

    @LocalServerPort
    int port;

    @Test
    void aPoisonEventIsDeadLetteredAndTheDirectoryGoesOnWithLaterEvents() {
        Http commands = new Http(SERVICES.commands().port()).as(Role.STAFF);
        Http queries = new Http(port).as(Role.STAFF);
        Http operations = new Http(port).as(Role.ADMIN);
        register(commands, "hamm", "Hamm", "05915000");

        AwardPeriod period = AwardPeriod.of("2031/32");
        AwardCeremony ceremony = new AwardCeremony(LocalDate.of(2031, 11, 21), "Berlin");
        append(period, 0, new SealGranted(period, BuendnisId.of("hamm"), "Ausgezeichnetes Bündnis 2031/32", null,
                true, ceremony));
        append(period, 1, new SealRevoked(period, BuendnisId.of("hamm"), "nachträglich geprüft", GrantBasis.SURVEY));

        // a later event of another aggregate is projected, with the poison still in the queue
        Http.Answer later = commands.post("/api/buendnisse", registration("koeln", "Köln", "05315000"));
        assertThat(later.status()).isEqualTo(201);
        Http.Answer koeln = queries.get("/api/directory/koeln", "X-Event-Position", later.header("X-Event-Position"));
        assertThat(koeln.status()).as(koeln.toString()).isEqualTo(200);

        Http.Answer directory = operations.get("/api/admin/projections/directory");
        assertThat(directory.json().path("deadLetters").asLong())
                .as("the poison and the event of its aggregate queued behind it").isEqualTo(2);
        assertThat(directory.json().path("running").asBoolean()).isTrue();
        assertThat(queries.get("/api/directory/hamm").json().path("sealsHeld")).isEmpty();
        assertThat(operations.get("/actuator/prometheus").body())
                .contains("lbf_projection_dead_letters_events{projection=\"directory\"} 2.0");

        // a retry fails the same way and keeps both letters
        Http.Answer retry = operations.post("/api/admin/projections/directory/dead-letters/retry", null);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("deadLettersLeft").asLong()).isEqualTo(2);
    }

    private void append(AwardPeriod period, long sequence, Object payload) {
        EventStore eventStore = SERVICES.commands().bean(EventStore.class);
        DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(
                new GenericDomainEventMessage<>("SealAward", period.toString(), sequence, payload)));
    }

    private static void register(Http commands, String id, String place, String ags) {
        assertThat(commands.post("/api/buendnisse", registration(id, place, ags)).status()).isEqualTo(201);
    }

    private static String registration(String id, String place, String ags) {
        return json("""
                {'id': '%s', 'name': 'Bündnis %s', 'municipalityKey': '%s', 'place': '%s', 'bundesland': 'DE-NW',
                 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2005-03-01',
                 'fieldsOfAction': ['CHILD_CARE']}""".formatted(id, place, ags, place));
    }

}
