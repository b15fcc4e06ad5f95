package de.lokalebuendnisse.platform.projection;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectionAnswersTest {

    private final AtomicLong version = new AtomicLong();
    private final AtomicInteger computed = new AtomicInteger();
    private final ProjectionAnswers answers = new ProjectionAnswers(version::get, 2);

    private String answer(String key) {
        return answers.get(key, () -> key + "@" + version.get() + "#" + computed.incrementAndGet());
    }

    @Test
    void anAnswerIsGivenAgainUntilTheProjectionMovesOn() {
        assertThat(answer("stats")).isEqualTo("stats@0#1");
        assertThat(answer("stats")).isEqualTo("stats@0#1");
        version.incrementAndGet();
        assertThat(answer("stats")).isEqualTo("stats@1#2");
    }

    @Test
    void keysAreAnsweredApartAndTheLeastRecentlyUsedLeavesFirst() {
        answer("a");
        answer("b");
        answer("a");
        answer("c"); // capacity 2: b leaves
        assertThat(computed).hasValue(3);
        answer("a");
        assertThat(computed).hasValue(3);
        answer("b");
        assertThat(computed).hasValue(4);
    }

    @Test
    void aFailedComputationIsNotKept() {
        assertThatThrownBy(() -> answers.get("x", () -> {
            throw new IllegalStateException("store gone");
        })).isInstanceOf(IllegalStateException.class).hasMessage("store gone");
        assertThat(answer("x")).isEqualTo("x@0#1");
    }

    @Test
    void concurrentCallersShareOneComputation() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            Future<String> first = callers.submit(() -> answers.get("page", () -> {
                inside.countDown();
                await(release);
                return "page#" + computed.incrementAndGet();
            }));
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            Future<String> second = callers.submit(() -> answer("page"));
            Future<String> third = callers.submit(() -> answer("page"));
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("page#1");
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("page#1");
            assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo("page#1");
            assertThat(computed).hasValue(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void noneComputesEveryTime() {
        ProjectionAnswers none = ProjectionAnswers.none();
        assertThat(none.<Integer>get("k", computed::incrementAndGet)).isEqualTo(1);
        assertThat(none.<Integer>get("k", computed::incrementAndGet)).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
