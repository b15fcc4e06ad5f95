package de.lokalebuendnisse.query.testing;

import de.lokalebuendnisse.audit.service.testing.AuditServiceRunner;
import de.lokalebuendnisse.command.testing.CommandServiceRunner;
import de.lokalebuendnisse.platform.testing.ServiceRunner;
import de.lokalebuendnisse.kernel.seal.BuendnisStandingRecorded;
import de.lokalebuendnisse.kernel.seal.SurveyOutcomeRecorded;
import org.awaitility.Awaitility;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The other services started beside the query service under test, as {@code ./run.sh} runs them: the command
 * service (commands in) and, where a test reads the audit trail, the auditors' service, all on one data folder of
 * the test class's own (a folder per class, so cached Spring contexts of other classes never see its events).
 * Registered as a static extension field; the class hands {@link #dataDir()} to its query service through
 * {@code @DynamicPropertySource}.
 */
public final class ServicesBeside implements BeforeAllCallback, AfterAllCallback {

    private final Path dataDir;
    private final boolean withAuditService;
    private ServiceRunner commands;
    private ServiceRunner audit;

    private ServicesBeside(String name, boolean withAuditService) {
        try {
            this.dataDir = Files.createTempDirectory("lbf-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.withAuditService = withAuditService;
    }

    /** The command service and the auditors' service. */
    public static ServicesBeside commandAndAuditServices(String name) {
        return new ServicesBeside(name, true);
    }

    /** The command service only. */
    public static ServicesBeside commandService(String name) {
        return new ServicesBeside(name, false);
    }

    public Path dataDir() {
        return dataDir;
    }

    public ServiceRunner commands() {
        return commands;
    }

    /**
     * Waits until the award intake process has forwarded {@code outcomes} survey outcomes into the period's stream
     * ({@code seal-award:2024/25} style) and recorded the pause of {@code pausedAlliance}: the commands that follow
     * in a season test depend on them.
     */
    public void awaitIntake(String periodStream, long outcomes, String pausedAlliance) {
        EventStore eventStore = commands.bean(EventStore.class);
        Awaitility.await("the award intake forwards " + outcomes + " outcomes and the pause of " + pausedAlliance)
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    List<Object> events = new ArrayList<>();
                    eventStore.readEvents(periodStream).asStream().forEach(e -> events.add(e.getPayload()));
                    long forwarded = events.stream().filter(SurveyOutcomeRecorded.class::isInstance).count();
                    boolean pause = events.stream().anyMatch(e -> e instanceof BuendnisStandingRecorded standing
                            && standing.buendnisId().value().equals(pausedAlliance));
                    return forwarded == outcomes && pause;
                });
    }

    public ServiceRunner audit() {
        if (!withAuditService) {
            throw new IllegalStateException("this test class started no auditors' service");
        }
        return audit;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        commands = CommandServiceRunner.start(dataDir);
        if (withAuditService) {
            audit = AuditServiceRunner.start(dataDir);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (audit != null) {
            audit.close();
        }
        if (commands != null) {
            commands.close();
        }
    }
}
