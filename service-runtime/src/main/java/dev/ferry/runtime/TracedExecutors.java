package dev.ferry.runtime;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.concurrent.ExecutorService;

/**
 * Executors that run each task in the context of the thread that submitted it, the span of the record being handled
 * among it: a step run on a worker thread, and the result it sends, stay in the record's trace.
 */
public final class TracedExecutors {

    private static final ContextSnapshotFactory SNAPSHOTS =
            ContextSnapshotFactory.builder().build();

    private TracedExecutors() {}

    public static ExecutorService inSubmittersContext(ExecutorService executor) {
        return ContextExecutorService.wrap(executor, SNAPSHOTS::captureAll);
    }
}
