package dev.ferry.build.job.kubernetes;

import dev.ferry.build.domain.job.JobPlace;
import dev.ferry.build.domain.job.JobSpec;
import dev.ferry.build.job.kubernetes.KubernetesClusters.Cluster;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's objects in its cluster (the Job, its pods, its Secret and ConfigMap), each call's failure translated into
 * a {@code BuildFailure} that names the job and the cluster.
 */
final class JobResources {

    private static final Logger log = LoggerFactory.getLogger(JobResources.class);

    /** The label the Job controller puts on the pods it creates for a Job. */
    static final String POD_JOB_LABEL = "job-name";

    private final Cluster cluster;
    private final String namespace;
    private final JobSpec spec;

    JobResources(Cluster cluster, JobSpec spec) {
        this.cluster = cluster;
        this.namespace = ((JobPlace.Kubernetes) spec.place()).namespace();
        this.spec = spec;
    }

    Cluster cluster() {
        return cluster;
    }

    String namespace() {
        return namespace;
    }

    KubernetesClient client() {
        return cluster.client();
    }

    /** The Job, or empty when there is none (not started yet, or deleted). */
    Optional<Job> job() {
        return Optional.ofNullable(call("reading job " + spec.name(), () -> client().batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withName(spec.name())
                .get()));
    }

    /** The Job's pods, oldest first. */
    List<Pod> pods() {
        List<Pod> pods = call("listing the pods of job " + spec.name(), () -> client().pods()
                .inNamespace(namespace)
                .withLabel(POD_JOB_LABEL, spec.name())
                .list()
                .getItems());
        return pods.stream().sorted((a, b) -> created(a).compareTo(created(b))).toList();
    }

    /**
     * Creates or replaces {@code object} (a Secret or ConfigMap of this job): one left by a delivery that stopped on the
     * way is this same attempt's, so replacing it is safe.
     */
    void put(HasMetadata object) {
        call(
                "creating " + object.getKind() + " " + spec.name(),
                () -> client().resource(object).inNamespace(namespace).createOr(NonDeletingOperation::update));
    }

    /** Creates the Job; empty when another delivery of the same step created it first. */
    Optional<Job> create(Job job) {
        try {
            return Optional.of(client().batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .resource(job)
                    .create());
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return Optional.empty();
            }
            throw KubernetesFailures.translate(e, "creating job " + spec.name(), cluster, spec.secrets());
        }
    }

    /**
     * Makes the Job the owner of its Secret and ConfigMap, so that Kubernetes deletes them with it when build-service
     * stops before deleting them itself (the Job goes by its {@code ttlSecondsAfterFinished}). They exist before the
     * Job so that its pod never waits for them; owning comes after, and a failure of it is only logged.
     */
    void ownedBy(Job job) {
        var owner = new OwnerReferenceBuilder()
                .withApiVersion(job.getApiVersion())
                .withKind(job.getKind())
                .withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid())
                .build();
        quietly("configmap owner", () -> own(client().configMaps(), owner));
        quietly("secret owner", () -> own(client().secrets(), owner));
    }

    private <T extends HasMetadata> void own(
            MixedOperation<T, ?, ? extends Resource<T>> objects, OwnerReference owner) {
        Resource<T> object = objects.inNamespace(namespace).withName(spec.name());
        if (object.get() != null) {
            object.edit(current -> {
                current.getMetadata().setOwnerReferences(List.of(owner));
                return current;
            });
        }
    }

    /** Deletes the Job and its pods; failures are logged, the job's end matters more than its tidying. */
    void deleteJob() {
        quietly("job", () -> client().batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withName(spec.name())
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete());
    }

    /** Deletes everything the job was made of. */
    void deleteAll() {
        deleteJob();
        quietly("configmap", () -> client().configMaps()
                .inNamespace(namespace)
                .withName(spec.name())
                .delete());
        quietly("secret", () -> client().secrets()
                .inNamespace(namespace)
                .withName(spec.name())
                .delete());
    }

    private <T> T call(String doing, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw KubernetesFailures.translate(e, doing, cluster, spec.secrets());
        }
    }

    private void quietly(String kind, Runnable delete) {
        try {
            delete.run();
        } catch (KubernetesClientException e) {
            log.warn(
                    "event=job_object_not_deleted kind={} name={} namespace={} cluster={} code={}",
                    kind,
                    spec.name(),
                    namespace,
                    cluster.name(),
                    e.getCode());
        }
    }

    private static String created(Pod pod) {
        String created = pod.getMetadata().getCreationTimestamp();
        return (created == null ? "" : created) + "/" + pod.getMetadata().getName();
    }
}
