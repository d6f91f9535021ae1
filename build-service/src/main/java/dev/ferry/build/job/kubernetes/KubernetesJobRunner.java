package dev.ferry.build.job.kubernetes;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.job.JobEnd;
import dev.ferry.build.domain.job.JobOutput;
import dev.ferry.build.domain.job.JobPlace;
import dev.ferry.build.domain.job.JobRunner;
import dev.ferry.build.domain.job.JobSpec;
import dev.ferry.plan.action.Run;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job as a {@code batch/v1 Job} in the cluster of its phase's environment: creates it (with its Secret and
 * workspace ConfigMap) unless a Job of that name is already there, which a redelivery then follows instead, follows it
 * to its end, and deletes everything it made whatever the end.
 */
public final class KubernetesJobRunner implements JobRunner {

    private static final Logger log = LoggerFactory.getLogger(KubernetesJobRunner.class);

    private final KubernetesClusters clusters;
    private final JobManifests manifests;
    private final Settings settings;
    private final Clock clock;

    /**
     * @param unpackImage the image of the init container that unpacks the workspace; it needs {@code tar} with gzip
     */
    public KubernetesJobRunner(KubernetesClusters clusters, String unpackImage, Settings settings, Clock clock) {
        this.clusters = clusters;
        this.manifests = new JobManifests(unpackImage);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param pollInterval how often the Job and its pods are read
     * @param deadlineGrace how long past a job's deadline Ferry waits for the cluster to stop it before deleting it
     */
    public record Settings(Duration pollInterval, Duration deadlineGrace) {}

    @Override
    public String place() {
        return Run.KUBERNETES;
    }

    @Override
    public JobEnd run(JobSpec job, JobOutput output) {
        if (!(job.place() instanceof JobPlace.Kubernetes place)) {
            throw BuildFailure.permanent(
                    FailureKind.INTERNAL,
                    "job " + job.name() + " runs on " + job.place().planName() + ", not here");
        }
        var resources = new JobResources(clusters.of(place.environment()), job);
        Optional<Job> earlier = resources.job();
        boolean running = earlier.isPresent();
        Instant start = earlier.flatMap(KubernetesJobRunner::startedAt).orElseGet(clock::instant);
        Optional<byte[]> archive = running
                ? Optional.empty()
                : job.workspace().map(directory -> WorkspaceArchive.of(directory, job.name()));
        try {
            if (running) {
                log.info(
                        "event=job_followed_again job={} cluster={}",
                        job.name(),
                        resources.cluster().name());
            } else {
                start(resources, job, archive);
            }
            return new RunningJob(resources, job, clock, settings.pollInterval())
                    .awaitEnd(output, start, start.plus(job.deadline()).plus(settings.deadlineGrace()));
        } finally {
            resources.deleteAll();
        }
    }

    /** When the Job an earlier delivery created started: its deadline and duration count from then. */
    private static Optional<Instant> startedAt(Job job) {
        try {
            return Optional.ofNullable(job.getStatus())
                    .map(JobStatus::getStartTime)
                    .map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void start(JobResources resources, JobSpec job, Optional<byte[]> archive) {
        manifests.secret(job).ifPresent(resources::put);
        archive.ifPresent(bytes -> resources.put(manifests.workspace(job, bytes)));
        Optional<Job> created = resources.create(manifests.job(job, archive.isPresent()));
        created.ifPresent(resources::ownedBy);
        log.info(
                "event={} job={} namespace={} cluster={}",
                created.isPresent() ? "job_created" : "job_created_elsewhere",
                job.name(),
                resources.namespace(),
                resources.cluster().name());
    }
}
