package de.lokalebuendnisse.audit.service.replay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The replay thread: replays started over HTTP run on it, apart from the request threads. Its own type rather than
 * an {@code Executor} bean, which would displace Spring's task executor.
 */
@Configuration(proxyBeanMethods = false)
public class AuditReplayConfiguration {

    /** Where a replay started over HTTP runs. */
    public interface ReplayThread {
        void run(Runnable replay);
    }

    /** One daemon thread; a replay still running when the service stops is interrupted. */
    static final class SingleReplayThread implements ReplayThread, AutoCloseable {

        private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-replay");
            thread.setDaemon(true);
            return thread;
        });

        @Override
        public void run(Runnable replay) {
            executor.execute(replay);
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }

    @Bean(destroyMethod = "close")
    SingleReplayThread replayThread() {
        return new SingleReplayThread();
    }
}
