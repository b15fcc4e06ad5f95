package de.lokalebuendnisse.benchmarks.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The profiler records a running JVM (this test's own) with jcmd and sums its samples up where the CPU went. */
class ProfilerTest {

    @TempDir
    Path folder;

    private static volatile long sink;

    @Test
    void aBusyThreadOfThisProjectIsWhereTheSamplesGo() throws Exception {
        AtomicBoolean busy = new AtomicBoolean(true);
        Thread burner = new Thread(() -> {
            while (busy.get()) {
                burn();
            }
        }, "burner-7");
        burner.start();
        List<Profiler.Profile> profiles;
        try {
            profiles = new Profiler(folder).during("test", Map.of("this-jvm", ProcessHandle.current().pid()),
                    () -> Thread.sleep(2000));
        } finally {
            busy.set(false);
            burner.join();
        }

        assertThat(profiles).hasSize(1);
        Profiler.Profile profile = profiles.get(0);
        assertThat(profile.problem()).as(profile.summary()).isNull();
        assertThat(profile.samples()).isPositive();
        assertThat(profile.threads().get(0)).as(profile.summary())
                .satisfies(top -> assertThat(top.name()).isEqualTo("burner-N"))
                .satisfies(top -> assertThat(top.share()).isGreaterThan(0.5));
        assertThat(profile.methods()).as(profile.summary()).extracting(Profiler.Share::name)
                .contains("ProfilerTest.burn");
        assertThat(profile.components()).as(profile.summary()).extracting(Profiler.Share::name)
                .contains("this project's code");
        assertThat(profile.summary()).startsWith("this-jvm, ").contains("burner-N");
    }

    @Test
    void theCollectionsOfTheRoundAreCountedBesideTheSamples() throws Exception {
        List<Profiler.Profile> profiles = new Profiler(folder).during("collections",
                Map.of("this-jvm", ProcessHandle.current().pid()), () -> {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        // busy in between, so the round has execution samples too
                        long until = System.nanoTime() + 200_000_000L;
                        while (System.nanoTime() < until) {
                            burn();
                        }
                    }
                });

        Profiler.Profile profile = profiles.get(0);
        assertThat(profile.collections().count()).as(profile.summary()).isGreaterThanOrEqualTo(3);
        assertThat(profile.collections().oldGeneration()).as(profile.summary()).isGreaterThanOrEqualTo(3);
        assertThat(profile.collections().pauseSeconds()).as(profile.summary()).isPositive();
        assertThat(profile.summary()).contains("garbage collection (in no sample): ");
    }

    @Test
    void youngCollectionsAreToldFromCollectionsOfTheOldGeneration() {
        assertThat(Profiler.collectsTheOldGeneration("DefNew")).isFalse();
        assertThat(Profiler.collectsTheOldGeneration("SerialOld")).isTrue();
        assertThat(Profiler.collectsTheOldGeneration("ParallelScavenge")).isFalse();
        assertThat(Profiler.collectsTheOldGeneration("ParallelOld")).isTrue();
        assertThat(Profiler.collectsTheOldGeneration("G1New")).isFalse();
        assertThat(Profiler.collectsTheOldGeneration("G1Old")).as("G1's concurrent cycle").isFalse();
        assertThat(Profiler.collectsTheOldGeneration("G1Full")).isTrue();
    }

    @Test
    void aProcessThatCannotBeRecordedGivesAProfileSayingWhyAndTheWorkStillRuns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        List<Profiler.Profile> profiles = new Profiler(folder).during("gone", Map.of("gone", Long.MAX_VALUE),
                () -> ran.set(true));

        assertThat(ran).isTrue();
        assertThat(profiles.get(0).problem()).isNotBlank();
        assertThat(profiles.get(0).summary()).startsWith("gone: no profile (");
    }

    @Test
    void threadsOfOnePoolAndOneFileAreOneGroup() {
        assertThat(Profiler.threadGroup("http-nio-18082-exec-17")).isEqualTo("http-nio-N-exec-N");
        assertThat(Profiler.threadGroup("MVStore background writer /tmp/lbf-bench123/query-mongo.mv"))
                .isEqualTo("MVStore background writer query-mongo.mv");
        assertThat(Profiler.componentOf("de.bwaldvogel.mongo.backend.DefaultQueryMatcher"))
                .isEqualTo("the MongoDB stand-in (mongo-java-server)");
        assertThat(Profiler.componentOf("java.util.HashMap")).isNull();
    }

    private static void burn() {
        long x = sink;
        for (int i = 0; i < 100_000; i++) {
            x = x * 31 + i;
        }
        sink = x;
    }
}
