package dev.ferry.build.job.kubernetes;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.job.JobEnd;
import dev.ferry.build.domain.job.JobOutput;
import dev.ferry.build.domain.job.JobSpec;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started Job followed until it ends: its pods' output streamed as it comes, its end read from the Job's
 * conditions and the exit code from its last pod. A pod whose image cannot be pulled ends it at once (Kubernetes
 * would keep trying until the deadline), and so does the deadline itself, with a grace for the cluster to stop it
 * first ({@code activeDeadlineSeconds}).
 */
final class RunningJob {

    private static final Logger log = LoggerFactory.getLogger(RunningJob.class);

    /** Waiting reasons of a container whose image will not come however long the pod waits. */
    private static final Set<String> UNPULLABLE = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");

    /** How long the output of a pod that has exited may take to arrive once its Job has ended. */
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);

    private final JobResources resources;
    private final JobSpec spec;
    private final Clock clock;
    private final Duration pollInterval;

    RunningJob(JobResources resources, JobSpec spec, Clock clock, Duration pollInterval) {
        this.resources = resources;
        this.spec = spec;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    /** Follows the Job from {@code start} until it ends, or until {@code stopAt}, when it is deleted. */
    JobEnd awaitEnd(JobOutput output, Instant start, Instant stopAt) {
        try (var logs = new PodLogs(resources.client(), resources.namespace(), output)) {
            while (true) {
                Duration elapsed = Duration.between(start, clock.instant());
                Optional<JobEnd> end = look(logs, elapsed);
                if (end.isPresent()) {
                    if (!end.get().timedOut()) {
                        logs.finish(LOG_WAIT);
                    }
                    return end.get();
                }
                if (!clock.instant().isBefore(stopAt)) {
                    resources.deleteJob();
                    return JobEnd.stoppedAtDeadline(elapsed);
                }
                pause();
            }
        }
    }

    /**
     * One look at the Job and its pods: how it ended, when it has. An API server that does not answer for a moment is
     * asked again at the next look, until the deadline: failing the step would delete a job that may be half way
     * through a migration.
     */
    private Optional<JobEnd> look(PodLogs logs, Duration elapsed) {
        try {
            Job job = resources.job().orElseThrow(this::vanished);
            List<Pod> pods = resources.pods();
            pods.forEach(logs::follow);
            logs.handOver();
            failIfUnpullable(pods);
            return end(job, pods, elapsed);
        } catch (BuildFailure e) {
            if (!e.retryable()) {
                throw e;
            }
            log.warn("event=job_look_failed job={} reason={}", spec.name(), e.reason());
            return Optional.empty();
        }
    }

    private Optional<JobEnd> end(Job job, List<Pod> pods, Duration elapsed) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        for (JobCondition condition : job.getStatus().getConditions()) {
            if (!"True".equals(condition.getStatus())) {
                continue;
            }
            if ("Complete".equals(condition.getType())) {
                return Optional.of(JobEnd.exited(exitCode(pods).orElse(0), elapsed));
            }
            if ("Failed".equals(condition.getType())) {
                if ("DeadlineExceeded".equals(condition.getReason())) {
                    return Optional.of(JobEnd.stoppedAtDeadline(elapsed));
                }
                return Optional.of(
                        JobEnd.exited(exitCode(pods).orElseThrow(() -> failedWithoutExit(condition)), elapsed));
            }
        }
        return Optional.empty();
    }

    /** The exit code of the command in the last pod that ran it to its end. */
    private static Optional<Integer> exitCode(List<Pod> pods) {
        return pods.reversed().stream()
                .flatMap(pod -> statuses(pod, false))
                .filter(status -> JobManifests.CONTAINER.equals(status.getName()))
                .map(status ->
                        status.getState() == null ? null : status.getState().getTerminated())
                .filter(terminated -> terminated != null && terminated.getExitCode() != null)
                .map(ContainerStateTerminated::getExitCode)
                .findFirst();
    }

    private void failIfUnpullable(List<Pod> pods) {
        Optional<ContainerStatus> waiting = pods.stream()
                .flatMap(pod -> statuses(pod, true))
                .filter(status -> status.getState() != null && status.getState().getWaiting() != null)
                .filter(status ->
                        UNPULLABLE.contains(status.getState().getWaiting().getReason()))
                .findFirst();
        if (waiting.isPresent()) {
            throw unpullable(waiting.get());
        }
    }

    private BuildFailure unpullable(ContainerStatus status) {
        ContainerStateWaiting waiting = status.getState().getWaiting();
        String image = status.getImage() == null || status.getImage().isBlank() ? spec.image() : status.getImage();
        return BuildFailure.permanent(
                FailureKind.NOT_FOUND,
                "image " + image + " for job " + spec.name() + " cannot be pulled in " + resources.cluster() + ": "
                        + (waiting.getMessage() == null ? waiting.getReason() : waiting.getMessage())
                        + "; check the image's name and tag, and that the cluster may pull from its registry");
    }

    private static Stream<ContainerStatus> statuses(Pod pod, boolean withInit) {
        if (pod.getStatus() == null) {
            return Stream.empty();
        }
        Stream<ContainerStatus> main = Optional.ofNullable(pod.getStatus().getContainerStatuses()).stream()
                .flatMap(List::stream);
        if (!withInit) {
            return main;
        }
        return Stream.concat(
                Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).stream()
                        .flatMap(List::stream),
                main);
    }

    private BuildFailure failedWithoutExit(JobCondition condition) {
        return BuildFailure.permanent(
                FailureKind.INVALID_INPUT,
                "job " + spec.name() + " for " + spec.service() + " failed in " + resources.cluster() + " ("
                        + condition.getReason() + ": " + condition.getMessage()
                        + ") before its command exited; see its events with kubectl describe job");
    }

    private BuildFailure vanished() {
        return BuildFailure.permanent(
                FailureKind.CONFLICT,
                "job " + spec.name() + " was deleted from namespace " + resources.namespace() + " of "
                        + resources.cluster() + " before it ended; was it deleted by hand?");
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BuildFailure.retryable(
                    FailureKind.INTERNAL, "stopped while following job " + spec.name() + "; it was deleted", e);
        }
    }
}
