package dev.ferry.planner.web;

import dev.ferry.planner.app.LiveOutput;
import dev.ferry.planner.app.RunObserver;
import dev.ferry.planner.domain.run.RunView;
import dev.ferry.planner.domain.run.Transition;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of runs: each subscriber gets the run's status at once and after every change (a running job's
 * new lines among them), and the stream ends when the run does. Sending happens on its own thread, so a slow client
 * never holds up the run.
 */
final class RunStreams implements RunObserver, AutoCloseable {

    private final Map<String, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "status-stream"));
    private final LiveOutput output;
    private final Function<String, Optional<RunView>> views;

    /** @param views a run's current view, for the status sent when only a job's output changed */
    RunStreams(LiveOutput output, Function<String, Optional<RunView>> views) {
        this.output = output;
        this.views = views;
        output.listen(this::printed);
    }

    SseEmitter subscribe(RunView current) {
        var emitter = new SseEmitter(0L);
        List<SseEmitter> forRun = subscribers.computeIfAbsent(current.id(), id -> new CopyOnWriteArrayList<>());
        forRun.add(emitter);
        emitter.onCompletion(() -> forRun.remove(emitter));
        emitter.onTimeout(() -> forRun.remove(emitter));
        emitter.onError(e -> forRun.remove(emitter));
        sender.execute(() -> send(emitter, current));
        return emitter;
    }

    @Override
    public void changed(String migrationId, Supplier<RunView> view, Transition transition) {
        List<SseEmitter> forRun = subscribers.get(migrationId);
        if (forRun != null && !forRun.isEmpty()) {
            RunView now = view.get();
            sender.execute(() -> forRun.forEach(emitter -> send(emitter, now)));
        }
    }

    private void printed(String migrationId) {
        List<SseEmitter> forRun = subscribers.get(migrationId);
        if (forRun != null && !forRun.isEmpty()) {
            sender.execute(
                    () -> views.apply(migrationId).ifPresent(view -> forRun.forEach(emitter -> send(emitter, view))));
        }
    }

    private void send(SseEmitter emitter, RunView view) {
        try {
            emitter.send(SseEmitter.event().name("migration").data(MigrationStatus.of(view, output)));
            if (view.state().isFinal()) {
                emitter.complete();
            }
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
