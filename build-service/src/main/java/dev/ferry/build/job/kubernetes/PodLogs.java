package dev.ferry.build.job.kubernetes;

import dev.ferry.build.domain.job.JobOutput;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of a job's pods, streamed to the job's output line by line as the command prints it: each pod's log is
 * followed once ({@code follow=true}), from when its command has started; a pod Kubernetes starts again after a
 * failure is a new pod, whose log follows the last one's. A log that cannot be read is logged and the job goes on: its
 * exit code still decides.
 *
 * <p>Lines reach the job's output on the thread that follows the job, at each {@link #handOver()}: the output's
 * watchers may block (they publish progress), and the HTTP client's own threads must never wait on them.
 *
 * <p>The log is read with the client's own HTTP client rather than fabric8's {@code watchLog}, which first waits for
 * the pod with an informer (a list and a watch per pod) that this class does not need: it only asks once the pod's
 * status says the command has started.
 */
final class PodLogs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PodLogs.class);

    private final KubernetesClient client;
    private final String namespace;
    private final JobOutput output;
    private final Map<String, Followed> followed = new LinkedHashMap<>();
    private final Queue<String> arrived = new ConcurrentLinkedQueue<>();

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
        var lines = new LineOutput(arrived::add);
        var body = new AtomicReference<AsyncBody>();
        HttpClient http = client.getHttpClient();
        CompletableFuture<Void> read = http.consumeBytes(
                        http.newHttpRequestBuilder().uri(logOf(name)).build(),
                        (List<ByteBuffer> chunks, AsyncBody more) -> {
                            chunks.forEach(chunk -> write(chunk, lines));
                            more.consume();
                        })
                .thenCompose(response -> {
                    body.set(response.body());
                    return read(name, response);
                });
        followed.put(name, new Followed(read, body, lines));
    }

    /** Waits up to {@code wait} for the logs of pods whose command has exited to be read to their end. */
    void finish(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        followed.forEach((pod, following) -> following.awaitEnd(pod, Math.max(0, until - System.nanoTime())));
    }

    /** Hands the lines read since the last call to the job's output, in the order they came. */
    void handOver() {
        for (String line = arrived.poll(); line != null; line = arrived.poll()) {
            output.line(line);
        }
    }

    /** Stops reading and hands over what was read, the last line too when it has no line break. */
    @Override
    public void close() {
        followed.values().forEach(Followed::close);
        handOver();
    }

    private CompletableFuture<Void> read(String pod, HttpResponse<AsyncBody> response) {
        if (!response.isSuccessful()) {
            // The body is the API server's Status, not the job's output.
            response.body().cancel();
            log.warn("event=job_log_unreadable pod={} namespace={} code={}", pod, namespace, response.code());
            return CompletableFuture.completedFuture(null);
        }
        response.body().consume();
        return response.body().done();
    }

    private URI logOf(String pod) {
        return URI.create(client.getMasterUrl().toString())
                .resolve("api/v1/namespaces/" + namespace + "/pods/" + pod + "/log?container=" + JobManifests.CONTAINER
                        + "&follow=true");
    }

    private static void write(ByteBuffer chunk, LineOutput lines) {
        var bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        lines.write(bytes, 0, bytes.length);
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

    private record Followed(CompletableFuture<Void> read, AtomicReference<AsyncBody> body, LineOutput lines) {

        void awaitEnd(String pod, long nanos) {
            try {
                read.get(nanos, TimeUnit.NANOSECONDS);
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
            // Only a log still being read is cancelled: cancelling one read to its end may close a connection the
            // client would use again.
            AsyncBody reading = body.get();
            if (reading != null && !read.isDone()) {
                reading.cancel();
            }
            lines.close();
        }
    }
}
