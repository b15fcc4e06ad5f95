package de.lokalebuendnisse.audit.service.replay;

import com.mongodb.client.MongoDatabase;
import de.lokalebuendnisse.audit.service.config.AuditProjections;
import de.lokalebuendnisse.platform.projection.ProjectionBehindException;
import de.lokalebuendnisse.platform.projection.ProjectionRebuildingException;
import de.lokalebuendnisse.platform.projection.Projections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Replays started over HTTP: one at a time, each on the replay thread, compared with this service's live audit
 * history. The last {@value #REMEMBERED} replays are remembered (with their reports) until the service stops.
 */
@Component
public class AuditReplays {

    private static final Logger log = LoggerFactory.getLogger(AuditReplays.class);
    static final int REMEMBERED = 20;
    /** How long a replay waits for the live history to reach its head before comparing anyway (with a note). */
    static final Duration LIVE_PATIENCE = Duration.ofSeconds(60);
    private static final long PROGRESS_LOG_MILLIS = 5000;

    private final AuditReplay replay;
    private final MongoDatabase queryDatabase;
    private final Projections projections;
    private final AuditReplayConfiguration.ReplayThread replayThread;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Run> runs = new LinkedHashMap<>();

    private static final class Run {
        private final String id;
        private final boolean keep;
        private final Instant acceptedAt;
        private volatile ReplayProgress progress;
        private volatile String status = ReplayState.RUNNING;
        private volatile String error;
        private volatile ReplayReport report;

        Run(String id, boolean keep, Instant acceptedAt) {
            this.id = id;
            this.keep = keep;
            this.acceptedAt = acceptedAt;
        }

        ReplayState state() {
            return new ReplayState(id, status, keep, acceptedAt, progress, error, report);
        }
    }

    public AuditReplays(AuditReplay replay, MongoDatabase queryDatabase, Projections projections,
                        AuditReplayConfiguration.ReplayThread replayThread) {
        this.replay = replay;
        this.queryDatabase = queryDatabase;
        this.projections = projections;
        this.replayThread = replayThread;
    }

    /** Accepts a replay and starts it on the replay thread; refused while another one runs. */
    public synchronized ReplayState start(boolean keep) {
        Optional<Run> running = runs.values().stream().filter(r -> r.status.equals(ReplayState.RUNNING)).findFirst();
        if (running.isPresent()) {
            throw new ReplayConflictException("replay", "one-at-a-time", "replay " + running.get().id
                    + " is running; one replay runs at a time");
        }
        Instant now = clock.instant();
        String id = AuditReplay.newId(now);
        Run run = new Run(id, keep, now);
        runs.put(id, run);
        while (runs.size() > REMEMBERED) {
            runs.remove(runs.keySet().iterator().next());
        }
        replayThread.run(() -> execute(run));
        return run.state();
    }

    public synchronized Optional<ReplayState> find(String id) {
        return Optional.ofNullable(runs.get(id)).map(Run::state);
    }

    private void execute(Run run) {
        long[] lastLog = {0};
        try {
            log.info("Audit replay {} started (keep database: {})", run.id, run.keep);
            LiveHistory live = new MongoLiveHistory(queryDatabase, this::awaitLive);
            run.report = replay.run(run.id, run.keep, live, progress -> {
                run.progress = progress;
                long now = System.currentTimeMillis();
                if (now - lastLog[0] >= PROGRESS_LOG_MILLIS) {
                    lastLog[0] = now;
                    log.info("Audit replay {}: {}", run.id, progress.line());
                }
            });
            run.status = ReplayState.FINISHED;
            log.info("Audit replay {} finished: {} events, digest {}, {} differences", run.id,
                    run.report.eventsRead(), run.report.history().digest(),
                    run.report.comparison().differencesTotal());
        } catch (RuntimeException | Error e) {
            run.error = e.toString();
            run.status = ReplayState.FAILED;
            log.error("Audit replay {} failed", run.id, e);
        }
    }

    /** Waits for the live projection (it may be catching up or being rebuilt); a note when it did not arrive. */
    private String awaitLive(long head) {
        Instant deadline = clock.instant().plus(LIVE_PATIENCE);
        while (true) {
            try {
                projections.blockUntilReadable(AuditProjections.AUDIT_HISTORY, head);
                return null;
            } catch (ProjectionBehindException | ProjectionRebuildingException e) {
                if (clock.instant().isAfter(deadline)) {
                    return "The live history had not reached position " + head + " within "
                            + LIVE_PATIENCE.toSeconds() + " s (it stood at "
                            + projections.position(AuditProjections.AUDIT_HISTORY)
                            + "); entries it had not yet handled are listed as missing in live.";
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return "interrupted while waiting for the live history";
                }
            }
        }
    }
}
