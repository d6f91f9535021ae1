package dev.ferry.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.notifier.domain.Action;
import dev.ferry.notifier.domain.Backoff;
import dev.ferry.notifier.domain.EventRef;
import dev.ferry.notifier.domain.MessageTemplates;
import dev.ferry.notifier.domain.MigrationEvent;
import dev.ferry.notifier.domain.NextStep;
import dev.ferry.notifier.domain.Notifier;
import dev.ferry.notifier.domain.Routing;
import dev.ferry.notifier.domain.RunState;
import dev.ferry.notifier.domain.RunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatchLoopTest {

    /**
     * Holds the courier's saves (what it posted) until let through, and remembers whether one was interrupted; the
     * listener's saves (what it accepted) pass at once.
     */
    private static final class GatedStore implements RunStore {
        final MemoryStore saved = new MemoryStore();
        final CountDownLatch saving = new CountDownLatch(1);
        final CountDownLatch letThrough = new CountDownLatch(1);
        volatile boolean interrupted;

        @Override
        public Collection<RunState> loadAll() {
            return saved.loadAll();
        }

        @Override
        public void save(RunState state) {
            if (!Thread.currentThread().getName().equals("notifier-courier")) {
                saved.save(state);
                return;
            }
            saving.countDown();
            try {
                letThrough.await();
            } catch (InterruptedException e) {
                interrupted = true;
                Thread.currentThread().interrupt();
                throw new IllegalStateException("save interrupted", e);
            }
            saved.save(state);
        }
    }

    @Test
    void aStopLetsTheStepInHandSaveWhatTheSinkTookSoARestartDoesNotPostItAgain() throws Exception {
        var store = new GatedStore();
        var sink = new FakeSink();
        var ledger = new RunLedger(
                new Notifier(new Routing("#m", Optional.empty(), Map.of()), MessageTemplates.defaults()), store);
        ledger.load();
        var loop = new DispatchLoop(
                ledger, new Courier(ledger, sink, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8))));
        loop.start();
        ledger.accept(new MigrationEvent.PhaseStarted(
                new EventRef("e1", "m-1", Instant.EPOCH), "fitsync", "split", Action.SPLIT, null, 1, List.of("a")));
        // The run's message is posted; the courier now saves that it was.
        assertThat(store.saving.await(10, TimeUnit.SECONDS)).isTrue();

        var stopped = CompletableFuture.runAsync(loop::stop);
        Thread.sleep(200);
        store.letThrough.countDown();
        stopped.get(30, TimeUnit.SECONDS);

        assertThat(store.interrupted).as("the save was interrupted").isFalse();
        assertThat(sink.calls).hasSize(1);
        assertThat(store.saved.saved.get("m-1").next())
                .as("after a restart from the saved state, the run's message is not posted again")
                .isNotInstanceOf(NextStep.OpenThread.class);
    }
}
