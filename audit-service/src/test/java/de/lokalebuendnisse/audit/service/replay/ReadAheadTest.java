package de.lokalebuendnisse.audit.service.replay;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the replay's events ahead on a thread of their own. */
class ReadAheadTest {

    @Test
    void handsOutEveryElementInTheSourcesOrderPreparedOnTheReadingThread() {
        Set<String> preparedOn = ConcurrentHashMap.newKeySet();
        List<Integer> read = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(IntStream.range(0, 10_000).iterator(), 7,
                element -> preparedOn.add(Thread.currentThread().getName()), "test-reader")) {
            while (ahead.hasNext()) {
                read.add(ahead.next());
            }
            assertThat(ahead.hasNext()).isFalse();
        }
        assertThat(read).isEqualTo(IntStream.range(0, 10_000).boxed().toList());
        assertThat(preparedOn).containsExactly("test-reader");
    }

    @Test
    void whatTheSourceThrowsComesAtTheElementWhereItHappenedAndNothingAfter() {
        Iterator<Integer> failingAtFive = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 5) {
                    throw new IllegalStateException("event 5 arrived out of order");
                }
                return next++;
            }
        };
        List<Integer> read = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(failingAtFive, 3, element -> { }, "test-reader")) {
            assertThatThrownBy(() -> {
                while (ahead.hasNext()) {
                    read.add(ahead.next());
                }
            }).isInstanceOf(IllegalStateException.class).hasMessage("event 5 arrived out of order");
            assertThatThrownBy(ahead::hasNext).hasMessage("event 5 arrived out of order");
        }
        assertThat(read).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void whatPreparingThrowsIsLeftToTheOneWhoIterates() {
        List<Integer> read = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(List.of(1, 2, 3).iterator(), 2, element -> {
            throw new IllegalArgumentException("unreadable");
        }, "test-reader")) {
            ahead.forEachRemaining(read::add);
        }
        assertThat(read).containsExactly(1, 2, 3);
    }

    @Test
    void closingStopsTheReaderWhichReadsLittleMoreThanItHoldsAhead() throws InterruptedException {
        AtomicInteger taken = new AtomicInteger();
        Iterator<Integer> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return taken.getAndIncrement();
            }
        };
        ReadAhead<Integer> ahead = new ReadAhead<>(endless, 4, element -> { }, "test-reader");
        assertThat(ahead.next()).isZero();
        Thread.sleep(200);
        ahead.close();
        int atClose = taken.get();
        Thread.sleep(100);

        // one handed out, four waiting, one held by the reader waiting for room
        assertThat(atClose).isLessThanOrEqualTo(1 + 4 + 2);
        assertThat(taken.get()).isEqualTo(atClose);
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)).doesNotContain("test-reader");
    }
}
