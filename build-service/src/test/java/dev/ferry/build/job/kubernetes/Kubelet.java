package dev.ferry.build.job.kubernetes;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.UnaryOperator;

/**
 * fabric8's mock API server in CRUD mode, with the test playing the Job controller and the kubelet: it makes the pod
 * of a Job the runner created, serves its log and moves the pod and the Job to their ends.
 */
final class Kubelet implements AutoCloseable {

    static final String NAMESPACE = "ferry-jobs";

    final KubernetesMockServer server;
    final KubernetesClient client;
    /** The runner's client: it does not try again itself, so the runner's own handling of a failed read shows. */
    final KubernetesClient runnerClient;

    Kubelet() {
        // Mixed: the expectations (a pod's log, which CRUD mode does not serve) first, then CRUD for the rest.
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
        runnerClient = server.createClient(builder ->
                builder.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
    }

    /** The Job named {@code name} once the runner has created it. */
    Job awaitJob(String name) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> job(name), job -> job != null);
    }

    Job job(String name) {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
    }

    /** The Job's pod ran its command, which printed {@code log} and exited with {@code exitCode}. */
    void podExited(String job, String log, int exitCode) {
        serveLog(job + "-pod", log);
        pod(
                job,
                new ContainerStatusBuilder()
                        .withName(JobManifests.CONTAINER)
                        .withImage("ignored")
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(exitCode)
                        .endTerminated()
                        .endState()
                        .build());
    }

    /** The Job's pod waits for an image that cannot be pulled. */
    void podCannotPull(String job, String image, String reason, String message) {
        pod(
                job,
                new ContainerStatusBuilder()
                        .withName(JobManifests.CONTAINER)
                        .withImage(image)
                        .withNewState()
                        .withNewWaiting()
                        .withReason(reason)
                        .withMessage(message)
                        .endWaiting()
                        .endState()
                        .build());
    }

    /** The Job controller's verdict: a condition of {@code type} (Complete, Failed) with {@code reason}. */
    void jobEnded(String name, String type, String reason) {
        updateStatus(
                name,
                status -> status.withConditions(new JobConditionBuilder()
                        .withType(type)
                        .withStatus("True")
                        .withReason(reason)
                        .withMessage("the test says so")
                        .build()));
    }

    /** The Job controller started the Job's first pod at {@code time}. */
    void jobStarted(String name, Instant time) {
        updateStatus(name, status -> status.withStartTime(time.toString()));
    }

    private void updateStatus(String name, UnaryOperator<JobStatusBuilder> change) {
        // Read through the list, so that a test may fail the runner's reads of the Job alone.
        Job job = client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(listed -> listed.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("job " + name + " is gone before the test changed it"));
        JobStatusBuilder status =
                job.getStatus() == null ? new JobStatusBuilder() : new JobStatusBuilder(job.getStatus());
        job.setStatus(change.apply(status).build());
        client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).updateStatus();
    }

    /** The API server fails the next {@code times} reads of Job {@code name} with HTTP 503. */
    void failReadsOfJob(String name, int times) {
        server.expect()
                .get()
                .withPath("/apis/batch/v1/namespaces/" + NAMESPACE + "/jobs/" + name)
                .andReturn(503, "overloaded")
                .times(times);
    }

    private void pod(String job, ContainerStatus status) {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(job + "-pod")
                .withNamespace(NAMESPACE)
                .addToLabels(JobResources.POD_JOB_LABEL, job)
                .endMetadata()
                .withNewStatus()
                .withPhase(status.getState().getTerminated() != null ? "Succeeded" : "Pending")
                .withContainerStatuses(status)
                .endStatus()
                .build();
        Pod created = client.pods().inNamespace(NAMESPACE).resource(pod).create();
        created.setStatus(pod.getStatus());
        client.pods().inNamespace(NAMESPACE).resource(created).updateStatus();
    }

    private void serveLog(String pod, String log) {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + NAMESPACE + "/pods/" + pod + "/log?container="
                        + JobManifests.CONTAINER + "&follow=true")
                .andReturn(200, log)
                .always();
    }

    @Override
    public void close() {
        runnerClient.close();
        client.close();
        server.destroy();
    }
}
