package de.lokalebuendnisse.platform.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

import de.lokalebuendnisse.platform.PlatformProperties;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Read-your-writes and rebuild bookkeeping against a processor whose tokens the test sets. */
class ProjectionsTest {

    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
    private final EventTrackerStatus segment = mock(EventTrackerStatus.class);
    private final EventStore eventStore = mock(EventStore.class);
    private final RebuildRecords rebuildRecords = mock(RebuildRecords.class);
    private final TokenStore tokenStore = mock(TokenStore.class);
    private Projections projections;

    @BeforeEach
    void projections() {
        when(processing.eventProcessor("directory", StreamingEventProcessor.class)).thenReturn(Optional.of(processor));
        when(processor.processingStatus()).thenReturn(Map.of(0, segment));
        when(processor.shutdownAsync()).thenReturn(CompletableFuture.completedFuture(null));
        when(eventStore.createHeadToken()).thenReturn(gapAware(10));
        when(processor.getName()).thenReturn("directory");
        when(processing.tokenStore("directory")).thenReturn(tokenStore);
        when(tokenStore.fetchSegments("directory")).thenReturn(new int[] {0});
        when(tokenStore.fetchToken("directory", 0)).thenReturn(gapAware(10));
        projections = newProjections(false);
    }

    private Projections newProjections(boolean inMemory) {
        return newProjections(inMemory, ReplayWindows.none());
    }

    private Projections newProjections(boolean inMemory, ReplayWindows windows) {
        return newProjections(inMemory, windows, Duration.ofSeconds(5));
    }

    private Projections newProjections(boolean inMemory, ReplayWindows windows, Duration windowAge) {
        return new Projections(processing, eventStore, de.lokalebuendnisse.platform.positions.StoreGaps.ofAxonServer(),
                rebuildRecords, new ReadSideProperties(
                new ReadSideProperties.Query(Duration.ofMillis(100), 200),
                new ReadSideProperties.Rebuild(1500, windowAge, 10_000)), ProjectionGroups.of("directory"),
                new PlatformProperties("./data", null, new PlatformProperties.Mongo("", "lbf-query", null, 0, inMemory,
                        Duration.ofSeconds(45), 90, DataSize.ofMegabytes(16))), windows);
    }

    @Test
    void whileAReplayWindowHoldsUnwrittenDocumentsNoPositionCountsAsReachedAndOnceWrittenItDoesAgain() {
        ReplayWindows windows = new ReplayWindows(java.util.Set.of("directory"), 1500, Duration.ofMinutes(1),
                java.time.Clock.systemUTC());
        windows.deferringTokens(tokenStore);
        Projections withWindows = newProjections(false, windows);
        at(gapAware(10));
        assertThat(withWindows.hasReached("directory", 4)).isTrue();

        // a replay's batch at position 4 of 10 opens a window: the processor stands at 10, its documents do not
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new GenericTrackedEventMessage<>(
                ReplayToken.createReplayToken(gapAware(10), gapAware(4)), GenericEventMessage.asEventMessage("x")));
        ReplayWindows.Window window = windows.windowFor("directory", batch);
        assertThat(window).isNotNull();
        assertThat(withWindows.hasReached("directory", 4)).isFalse();
        assertThatThrownBy(() -> withWindows.blockUntilReadable("directory", 4L))
                .isInstanceOf(ProjectionBehindException.class);

        windows.close("directory", window);
        assertThat(withWindows.hasReached("directory", 4)).isTrue();
    }

    @Test
    void aRetryOfDeadLettersWaitsForAnOpenWindowToBeWrittenAndIsRefusedWhenItTakesTooLong() throws Exception {
        ReplayWindows windows = new ReplayWindows(java.util.Set.of("directory"), 1500, Duration.ofMinutes(1),
                java.time.Clock.systemUTC(), 5, () -> 10);
        windows.deferringTokens(tokenStore);
        org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor<EventMessage<?>> letters = mock(
                org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor.class);
        when(processing.sequencedDeadLetterProcessor("directory")).thenReturn(Optional.of(letters));
        org.axonframework.messaging.deadletter.SequencedDeadLetterQueue<EventMessage<?>> queue = mock(
                org.axonframework.messaging.deadletter.SequencedDeadLetterQueue.class);
        when(processing.deadLetterQueue("directory")).thenReturn(Optional.of(queue));
        when(queue.amountOfSequences()).thenReturn(1L);
        // a batch at position 4, no replay, 6 behind a head of 10: a catch-up window
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new GenericTrackedEventMessage<>(
                gapAware(4), GenericEventMessage.asEventMessage("x")));

        // windows written within 50 ms at most: the retry waits 100 ms for the open one, then is refused
        ReplayWindows.Window window = windows.windowFor("directory", batch);
        assertThat(window).isNotNull();
        assertThatThrownBy(() -> newProjections(false, windows, Duration.ofMillis(50)).retryDeadLetters("directory"))
                .isInstanceOf(WindowOpenException.class);
        org.mockito.Mockito.verify(letters, org.mockito.Mockito.never()).processAny();

        // within 5 s: the retry waits for the window, runs once it is written, and no window opens meanwhile
        java.util.concurrent.atomic.AtomicReference<ReplayWindows.Window> openedDuringRetry =
                new java.util.concurrent.atomic.AtomicReference<>();
        when(letters.processAny()).thenAnswer(invocation -> {
            openedDuringRetry.set(windows.windowFor("directory", new BatchingUnitOfWork<>(
                    new GenericTrackedEventMessage<>(gapAware(5), GenericEventMessage.asEventMessage("y")))));
            return true;
        });
        Projections withWindows = newProjections(false, windows, Duration.ofSeconds(5));
        CompletableFuture<Integer> retry =
                CompletableFuture.supplyAsync(() -> withWindows.retryDeadLetters("directory"));
        Thread.sleep(300);
        assertThat(retry).as("the retry while the window is open").isNotDone();
        windows.close("directory", window);
        assertThat(retry.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("sequences handled").isEqualTo(1);
        assertThat(openedDuringRetry.get()).as("a window opened during the retry").isNull();
    }

    @Test
    void documentsKeptInMemoryAreReplayedAtStartAndRefusedUntilTheHeadSeenThenIsReached() {
        Projections replaying = newProjections(true);
        at(gapAware(4));
        assertThatThrownBy(() -> replaying.awaitReadable("directory", null))
                .isInstanceOf(ProjectionRebuildingException.class);
        assertThat(replaying.rebuildProgress("directory")).hasValueSatisfying(progress -> {
            assertThat(progress.finished()).isFalse();
            assertThat(progress.eventsTotal()).isEqualTo(10);
        });
        at(gapAware(10));
        assertThatCode(() -> replaying.awaitReadable("directory", null)).doesNotThrowAnyException();
        assertThat(projections.rebuildProgress("directory")).as("a file keeps them: no replay").isEmpty();
    }

    @Test
    void theVersionMovesWithTheTokensAndWithARetryOfDeadLetters() {
        at(gapAware(4));
        Object first = projections.version("directory");
        assertThat(projections.version("directory")).isEqualTo(first);
        at(gapAware(5));
        Object second = projections.version("directory");
        assertThat(second).isNotEqualTo(first);
        when(processing.sequencedDeadLetterProcessor("directory")).thenReturn(Optional.of(mock(
                org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor.class)));
        when(processing.deadLetterQueue("directory")).thenReturn(Optional.of(mock(
                org.axonframework.messaging.deadletter.SequencedDeadLetterQueue.class)));
        projections.retryDeadLetters("directory");
        assertThat(projections.version("directory")).isNotEqualTo(second);
    }

    @Test
    void withTheSegmentHeldByAnotherInstanceNoTwoVersionsAreEqualSoNothingIsKeptStale() {
        when(processor.processingStatus()).thenReturn(Map.of());
        assertThat(projections.version("directory")).isNotEqualTo(projections.version("directory"));
    }

    @Test
    void aQueryWithoutPositionIsAnsweredAtOnceWithoutLookingAtTheTokens() {
        at(gapAware(0));
        clearInvocations(segment);

        assertThatCode(() -> projections.awaitReadable("directory", null)).doesNotThrowAnyException();
        verify(segment, never()).getTrackingToken();
    }

    @Test
    void aQueryWhosePositionTheProjectionHasReachedIsAnsweredAtOnceAfterOneLookAtTheToken() {
        at(gapAware(10));
        clearInvocations(segment);

        assertThatCode(() -> projections.awaitReadable("directory", 10L)).doesNotThrowAnyException();
        verify(segment, times(1)).getTrackingToken();
        assertThatCode(() -> projections.awaitReadable("directory", 7L)).doesNotThrowAnyException();
        verify(segment, times(2)).getTrackingToken();
        assertThat(projections.hasReached("directory", 10)).isTrue();
        assertThat(projections.hasReached("directory", 11)).isFalse();
    }

    @Test
    void aGapBelowThePositionMeansAnEventMayStillArriveSoTheQueryIsRefused() {
        at(GapAwareTrackingToken.newInstance(12, Set.of(9L)));
        assertThatThrownBy(() -> projections.awaitReadable("directory", 10L))
                .isInstanceOf(ProjectionBehindException.class)
                .hasMessage("projection directory has not yet handled every event up to position 10: the event at "
                        + "position 9 has not arrived yet");
        assertThat(projections.hasReached("directory", 8)).as("every event up to 8 is handled").isTrue();
        assertThatCode(() -> projections.awaitReadable("directory", 8L)).doesNotThrowAnyException();
    }

    @Test
    void aPositionBeyondTheProjectionIsRefusedAfterTheWait() {
        at(new GlobalSequenceTrackingToken(4));
        long started = System.nanoTime();
        assertThatThrownBy(() -> projections.awaitReadable("directory", 5L))
                .isInstanceOf(ProjectionBehindException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void whileARebuildRunsQueriesAreRefusedWithItsProgressAndASecondRebuildIsRefused() {
        at(gapAware(10));
        assertThat(projections.rebuild("directory").finished()).isFalse();
        InOrder order = inOrder(processor, rebuildRecords);
        order.verify(processor).shutdownAsync();
        order.verify(rebuildRecords).started(eq("directory"), any(), eq(10L));
        order.verify(processor).resetTokens();
        order.verify(rebuildRecords).tokensReset("directory");
        order.verify(processor).start();
        when(processor.isReplaying()).thenReturn(true);
        at(ReplayToken.createReplayToken(gapAware(10), gapAware(4)));

        assertThatThrownBy(() -> projections.awaitReadable("directory", null))
                .isInstanceOfSatisfying(ProjectionRebuildingException.class, e -> {
                    assertThat(e.progress().eventsDone()).isEqualTo(4);
                    assertThat(e.progress().eventsTotal()).isEqualTo(10);
                    assertThat(e.progress().finished()).isFalse();
                });
        assertThatThrownBy(() -> projections.rebuild("directory")).isInstanceOf(RebuildRunningException.class);

        when(processor.isReplaying()).thenReturn(false);
        at(gapAware(10));
        assertThatCode(() -> projections.awaitReadable("directory", 10L)).as("answered again once rebuilt")
                .doesNotThrowAnyException();
        assertThat(projections.rebuildProgress("directory")).hasValueSatisfying(p -> assertThat(p.finished()).isTrue());
        verify(rebuildRecords).finished("directory");
    }

    @Test
    void aProcessorThatHasStoredNoTokenYetIsStartedFromTheFirstEventWithoutAReset() {
        // Axon's reset fails on a segment whose token was never stored (right after a start on an empty store)
        when(tokenStore.fetchToken("directory", 0)).thenReturn(null);

        projections.rebuild("directory");

        InOrder order = inOrder(processor, rebuildRecords);
        order.verify(processor).shutdownAsync();
        order.verify(rebuildRecords).started(eq("directory"), any(), eq(10L));
        order.verify(rebuildRecords).tokensReset("directory");
        order.verify(processor).start();
        verify(processor, never()).resetTokens();
    }

    @Test
    void aFinishedRebuildStaysFinishedWhenItsProcessorIsStoppedAndStartedAgain() {
        at(gapAware(10));
        projections.rebuild("directory");
        assertThat(projections.rebuildProgress("directory")).hasValueSatisfying(p -> assertThat(p.finished()).isTrue());

        // a processor started again reports a replay for a moment, with a token short of the rebuild's target
        when(processor.isReplaying()).thenReturn(true);
        at(gapAware(4));

        assertThatCode(() -> projections.awaitReadable("directory", null)).doesNotThrowAnyException();
        assertThat(projections.rebuildProgress("directory")).hasValueSatisfying(p -> assertThat(p.finished()).isTrue());
        verify(rebuildRecords, times(1)).finished("directory");
    }

    @Test
    void anUnknownProjectionIsNamedAsSuch() {
        assertThatThrownBy(() -> projections.awaitReadable("verzeichnis", null))
                .isInstanceOf(UnknownProjectionException.class).hasMessageContaining("verzeichnis");
    }

    private void at(TrackingToken token) {
        when(segment.getTrackingToken()).thenReturn(token);
    }

    private static GapAwareTrackingToken gapAware(long index) {
        return GapAwareTrackingToken.newInstance(index, Set.of());
    }
}
