package dev.ferry.build.job.kubernetes;

import dev.ferry.build.domain.job.JobOutput;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of a job's pods, streamed to the job's output line by line as the command prints it: each pod's log is
 * followed once, from when its command has started (a pod Kubernetes starts again after a failure is a new pod, whose
 * log follows the last one's). A log that cannot be read is logged and the job goes on: its exit code still decides.
 */
final class PodLogs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PodLogs.class);

    private final KubernetesClient client;
    private final String namespace;
    private final JobOutput output;
    private final Map<String, Followed> followed = new LinkedHashMap<>();

    PodLogs(KubernetesClient client, String namespace, JobOutput output) {
        this.client = client;
        this.namespace = namespace;
        this.output = output;
    }

    /** Starts following {@code pod}'s log when its command has started and it is not followed yet. */
    void follow(Pod pod) {
        String name = pod.getMetadata().getName();
        if (followed.containsKey(name) || !started(pod)) {
            return;
        }
        var lines = new LineOutput(output);
        try {
            LogWatch watch = client.pods()
                    .inNamespace(namespace)
                    .withName(name)
                    .inContainer(JobManifests.CONTAINER)
                    .watchLog(lines);
            followed.put(name, new Followed(watch, lines));
        } catch (KubernetesClientException e) {
            log.warn("event=job_log_unreadable pod={} namespace={} code={}", name, namespace, e.getCode());
            followed.put(name, new Followed(null, lines));
        }
    }

    /** Waits up to {@code wait} for the logs of pods whose command has exited to be read to their end. */
    void finish(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        followed.forEach((pod, following) -> following.awaitEnd(pod, Math.max(0, until - System.nanoTime())));
    }

    @Override
    public void close() {
        followed.values().forEach(Followed::close);
    }

    private static boolean started(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return false;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(status -> JobManifests.CONTAINER.equals(status.getName()))
                .map(ContainerStatus::getState)
                .anyMatch(state -> state != null && (state.getRunning() != null || state.getTerminated() != null));
    }

    private record Followed(LogWatch watch, LineOutput lines) {

        void awaitEnd(String pod, long nanos) {
            if (watch == null) {
                return;
            }
            try {
                watch.onClose().toCompletableFuture().get(nanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                log.warn(
                        "event=job_log_incomplete pod={} reason={}",
                        pod,
                        e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void close() {
            if (watch != null) {
                watch.close();
            }
            lines.close();
        }
    }
}
