package dev.ferry.build.kafka;

import dev.ferry.build.domain.UploadProgress;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.runtime.EventPublisher;

/**
 * Publishes {@code step.progress} while an image uploads, at most once per {@code step} of progress (e.g. every 10 %),
 * so a large push shows movement without flooding the topic. Progress is best effort: a lost report is not retried.
 */
final class ProgressReporter implements UploadProgress {

    private final EventPublisher publisher;
    private final BuildEvents events;
    private final PhaseStarted phase;
    private final String service;
    private final double step;
    private double nextReport;

    ProgressReporter(EventPublisher publisher, BuildEvents events, PhaseStarted phase, String service, double step) {
        this.publisher = publisher;
        this.events = events;
        this.phase = phase;
        this.service = service;
        this.step = step;
        this.nextReport = step;
    }

    @Override
    public synchronized void advanced(long bytesSoFar, double fraction) {
        if (fraction < nextReport) {
            return;
        }
        while (nextReport <= fraction) {
            nextReport += step;
        }
        publisher.publish(events.progress(phase, service, bytesSoFar, fraction));
    }
}
