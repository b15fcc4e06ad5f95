package de.lokalebuendnisse.identity.access;

import de.lokalebuendnisse.audit.service.AuditServiceApplication;
import de.lokalebuendnisse.command.CommandServiceApplication;
import de.lokalebuendnisse.identity.access.RoleTable.Deployable;
import de.lokalebuendnisse.kernel.buendnis.BuendnisId;
import de.lokalebuendnisse.platform.http.contract.OpenApiAssertions;
import de.lokalebuendnisse.platform.testing.Http;
import de.lokalebuendnisse.platform.testing.ServiceRunner;
import de.lokalebuendnisse.query.QueryServiceApplication;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The deployables, started in this JVM on one data folder as {@code ./run.sh} runs them (the command service
 * writes the event store the reading services follow), each trusting the same issuer. Stopped in reverse order.
 */
public final class Deployables implements AutoCloseable {

    private final Path dataDir;
    private final Map<Deployable, ServiceRunner> runners = new EnumMap<>(Deployable.class);

    private Deployables(String name) {
        try {
            dataDir = Files.createTempDirectory("lbf-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trusting the tests' own key ({@code TestTokens}). */
    public static Deployables trustingTestTokens(String name, Deployable... deployables) {
        return start(name, deployables, ServiceRunner::start);
    }

    /** Trusting a real issuer, whose keys they find through its discovery document; no test key. */
    public static Deployables trusting(String issuerUri, String name, List<String> settings,
                                       Deployable... deployables) {
        return start(name, deployables, (application, module, dataDir) ->
                ServiceRunner.startTrusting(issuerUri, application, module, dataDir,
                        settings.toArray(String[]::new)));
    }

    private interface Starter {
        ServiceRunner start(Class<?> application, String module, Path dataDir);
    }

    private static Deployables start(String name, Deployable[] deployables,
                                     Starter starter) {
        Deployables started = new Deployables(name);
        try {
            for (Deployable deployable : deployables) {
                started.runners.put(deployable,
                        starter.start(application(deployable), deployable.module, started.dataDir));
            }
            return started;
        } catch (RuntimeException | Error e) {
            started.close();
            throw e;
        }
    }

    private static Class<?> application(Deployable deployable) {
        return switch (deployable) {
            case COMMAND_SERVICE -> CommandServiceApplication.class;
            case QUERY_SERVICE -> QueryServiceApplication.class;
            case AUDIT_SERVICE -> AuditServiceApplication.class;
        };
    }

    public int port(Deployable deployable) {
        ServiceRunner runner = runners.get(deployable);
        if (runner == null) {
            throw new IllegalStateException(deployable + " was not started");
        }
        return runner.port();
    }

    public String url(Deployable deployable) {
        return "http://localhost:" + port(deployable);
    }

    public Http http(Deployable deployable) {
        return new Http(port(deployable));
    }

    /** The deployable's OpenAPI document, as anyone may read it. */
    public JsonNode apiDocs(Deployable deployable) {
        Http.Answer answer = http(deployable).get("/v3/api-docs");
        if (answer.status() != 200) {
            throw new AssertionError("the API document of " + deployable + ": " + answer);
        }
        return OpenApiAssertions.read(answer.body());
    }

    /** How many events the command side has stored. */
    public long storedEvents() {
        return new JdbcTemplate(runners.get(Deployable.COMMAND_SERVICE).bean(DataSource.class))
                .queryForObject("select count(*) from DomainEventEntry", Long.class);
    }

    /** The events of one alliance, with their metadata, as the command side stored them. */
    public List<DomainEventMessage<?>> eventsOfAlliance(String id) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        runners.get(Deployable.COMMAND_SERVICE).bean(EventStore.class)
                .readEvents(BuendnisId.of(id).toString(), 0).forEachRemaining(events::add);
        return events;
    }

    @Override
    public void close() {
        List<ServiceRunner> started = new ArrayList<>(runners.values());
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /** A registration body for the alliance {@code id}. */
    public static String registration(String id) {
        return Http.json("""
                {'id': '%s', 'name': 'Bündnis %s', 'municipalityKey': '05915000', 'place': 'Hamm',
                 'bundesland': 'DE-NW', 'organisationForm': 'WORKING_GROUP', 'foundedOn': '2005-03-01',
                 'website': 'https://example.org', 'fieldsOfAction': ['CHILD_CARE'],
                 'futureTopics': ['CHILD_CARE']}""".formatted(id, id));
    }
}
