package dev.ferry.build.job.kubernetes;

import dev.ferry.build.domain.job.JobPlace;
import dev.ferry.build.domain.job.JobSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The objects a kubernetes job is made of, all named after the job: the {@code batch/v1 Job}, a {@code Secret} with
 * the variables that hold a credential (the Job refers to them, so no value is in its spec) and a {@code ConfigMap}
 * with the workspace's tarball, which an init container unpacks where the command starts.
 */
final class JobManifests {

    static final String CONTAINER = "job";
    static final String UNPACK = "workspace";
    static final String ARCHIVE = "workspace.tar.gz";
    static final Map<String, String> MANAGED = Map.of("app.kubernetes.io/managed-by", "ferry");
    static final String JOB_LABEL = "ferry.dev/job";

    /** A finished Job Ferry could not delete (it stopped on the way) goes by itself after this. */
    private static final int KEEP_FINISHED_SECONDS = 3600;

    private static final String WORKSPACE_VOLUME = "workspace";
    private static final String ARCHIVE_VOLUME = "workspace-archive";
    private static final String ARCHIVE_DIRECTORY = "/ferry";

    private final String unpackImage;

    /** @param unpackImage the init container's image, which needs only {@code tar} with gzip */
    JobManifests(String unpackImage) {
        this.unpackImage = unpackImage;
    }

    Job job(JobSpec spec, boolean withWorkspace) {
        var place = (JobPlace.Kubernetes) spec.place();
        var pod = new PodSpecBuilder().withRestartPolicy("Never").withContainers(main(spec, withWorkspace));
        if (withWorkspace) {
            pod.withInitContainers(unpack(spec)).withVolumes(volumes(spec));
        }
        return new JobBuilder()
                .withMetadata(metadata(spec))
                .withNewSpec()
                .withBackoffLimit(place.backoffLimit())
                .withActiveDeadlineSeconds(deadlineSeconds(spec))
                .withTtlSecondsAfterFinished(KEEP_FINISHED_SECONDS)
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels(spec))
                .endMetadata()
                .withSpec(pod.build())
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The variables that hold a credential's value, as a Secret; empty when there are none. */
    Optional<Secret> secret(JobSpec spec) {
        Map<String, String> hidden = secretVariables(spec);
        if (hidden.isEmpty()) {
            return Optional.empty();
        }
        var data = new TreeMap<String, String>();
        hidden.forEach((name, value) ->
                data.put(name, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return Optional.of(new SecretBuilder()
                .withMetadata(metadata(spec))
                .withType("Opaque")
                .withData(data)
                .build());
    }

    ConfigMap workspace(JobSpec spec, byte[] archive) {
        return new ConfigMapBuilder()
                .withMetadata(metadata(spec))
                .withBinaryData(Map.of(ARCHIVE, Base64.getEncoder().encodeToString(archive)))
                .build();
    }

    /**
     * The variables that go through the Secret: every one whose value holds a credential's value, whole or in part
     * (a database URL with its password in it), so none is readable in the Job's spec.
     */
    static Map<String, String> secretVariables(JobSpec spec) {
        var hidden = new TreeMap<String, String>();
        spec.environment().forEach((name, value) -> {
            if (spec.secrets().stream().anyMatch(secret -> !secret.isEmpty() && value.contains(secret))) {
                hidden.put(name, value);
            }
        });
        return hidden;
    }

    private Container main(JobSpec spec, boolean withWorkspace) {
        var container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(spec.image())
                .withWorkingDir(spec.workingDirectory())
                .withEnv(environment(spec));
        if (!spec.command().isEmpty()) {
            container.withCommand(spec.command());
        }
        if (withWorkspace) {
            container.withVolumeMounts(mount(WORKSPACE_VOLUME, spec.workingDirectory(), false));
        }
        return container.build();
    }

    private Container unpack(JobSpec spec) {
        return new ContainerBuilder()
                .withName(UNPACK)
                .withImage(unpackImage)
                .withCommand("tar", "-xzf", ARCHIVE_DIRECTORY + "/" + ARCHIVE, "-C", spec.workingDirectory())
                .withVolumeMounts(
                        mount(WORKSPACE_VOLUME, spec.workingDirectory(), false),
                        mount(ARCHIVE_VOLUME, ARCHIVE_DIRECTORY, true))
                .build();
    }

    private static VolumeMount mount(String volume, String path, boolean readOnly) {
        return new VolumeMountBuilder()
                .withName(volume)
                .withMountPath(path)
                .withReadOnly(readOnly)
                .build();
    }

    private static List<Volume> volumes(JobSpec spec) {
        return List.of(
                new VolumeBuilder()
                        .withName(WORKSPACE_VOLUME)
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .build(),
                new VolumeBuilder()
                        .withName(ARCHIVE_VOLUME)
                        .withNewConfigMap()
                        .withName(spec.name())
                        .endConfigMap()
                        .build());
    }

    private static List<EnvVar> environment(JobSpec spec) {
        Map<String, String> hidden = secretVariables(spec);
        var variables = new ArrayList<EnvVar>();
        new TreeMap<>(spec.environment())
                .forEach((name, value) -> variables.add(
                        hidden.containsKey(name)
                                ? new EnvVarBuilder()
                                        .withName(name)
                                        .withNewValueFrom()
                                        .withNewSecretKeyRef(name, spec.name(), false)
                                        .endValueFrom()
                                        .build()
                                : new EnvVar(name, value, null)));
        return variables;
    }

    private static long deadlineSeconds(JobSpec spec) {
        long seconds = spec.deadline().toSeconds() + (spec.deadline().getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static ObjectMeta metadata(JobSpec spec) {
        return new ObjectMetaBuilder()
                .withName(spec.name())
                .withNamespace(((JobPlace.Kubernetes) spec.place()).namespace())
                .withLabels(labels(spec))
                .build();
    }

    private static Map<String, String> labels(JobSpec spec) {
        var labels = new TreeMap<>(MANAGED);
        labels.put(JOB_LABEL, spec.name());
        return labels;
    }
}
