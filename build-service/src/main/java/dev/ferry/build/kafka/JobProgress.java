package dev.ferry.build.kafka;

import dev.ferry.build.domain.job.JobOutput;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.runtime.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a running job's output as {@code step.progress}, a few lines at a time, so {@code ferry status --watch},
 * Slack and the dashboard can show it: a batch goes out at {@link #BATCH_LINES} lines or {@link #BATCH_CHARS}
 * characters, and whatever is waiting goes out on each {@link #flush} (every second, and at the end). Lines arrive
 * masked already. Progress is best effort: a lost batch is logged, not retried; the whole log is kept anyway.
 */
final class JobProgress implements JobOutput {

    static final int BATCH_LINES = 20;
    static final int BATCH_CHARS = 4_000;

    private static final Logger log = LoggerFactory.getLogger(JobProgress.class);

    private final EventPublisher publisher;
    private final BuildEvents events;
    private final PhaseStarted phase;
    private final String service;
    private final List<String> waiting = new ArrayList<>();
    private int waitingChars;
    private long linesSoFar;

    JobProgress(EventPublisher publisher, BuildEvents events, PhaseStarted phase, String service) {
        this.publisher = publisher;
        this.events = events;
        this.phase = phase;
        this.service = service;
    }

    @Override
    public synchronized void line(String text) {
        String line = text.length() > BATCH_CHARS ? text.substring(0, BATCH_CHARS) : text;
        if (waitingChars + line.length() > BATCH_CHARS) {
            flush();
        }
        waiting.add(line);
        waitingChars += line.length() + 1;
        linesSoFar++;
        if (waiting.size() >= BATCH_LINES) {
            flush();
        }
    }

    /** Sends the lines waiting, if any. */
    synchronized void flush() {
        if (waiting.isEmpty()) {
            return;
        }
        String lines = String.join("\n", waiting);
        waiting.clear();
        waitingChars = 0;
        publisher.publish(events.jobOutput(phase, service, linesSoFar, lines)).exceptionally(failure -> {
            log.warn("event=job-output-not-sent phase={} service={} reason=\"{}\"", phase.getPhase(), service, failure);
            return null;
        });
    }
}
