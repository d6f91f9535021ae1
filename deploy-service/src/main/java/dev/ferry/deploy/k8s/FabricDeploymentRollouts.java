package dev.ferry.deploy.k8s;

import dev.ferry.deploy.domain.DeploymentRollouts;
import dev.ferry.deploy.domain.ImageReference;
import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.RolloutState;
import dev.ferry.deploy.domain.StepFailure;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Patches a Deployment's container image and reads its rollout from the Deployment status and its pods' statuses. */
public final class FabricDeploymentRollouts implements DeploymentRollouts {

    /** Waiting reasons that no amount of waiting fixes: the image is wrong or the process keeps dying. */
    private static final Set<String> FATAL_WAITING = Set.of(
            "CrashLoopBackOff",
            "ImagePullBackOff",
            "ErrImagePull",
            "InvalidImageName",
            "CreateContainerConfigError",
            "CreateContainerError");

    private final KubernetesClient client;

    public FabricDeploymentRollouts(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<String> setImage(String namespace, String deployment, String container, ImageVersion version) {
        try {
            Deployment current = existing(namespace, deployment);
            Container target = container(current, container, namespace + "/" + deployment);
            String before = target.getImage();
            String wanted = ImageReference.parse(before)
                    .with(version.tag(), version.digest().orElse(null))
                    .toString();
            if (wanted.equals(before)) {
                return Optional.empty();
            }
            resource(namespace, deployment).edit(d -> {
                container(d, container, namespace + "/" + deployment).setImage(wanted);
                return d;
            });
            return Optional.of(before);
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate("patching deployment " + namespace + "/" + deployment, e);
        }
    }

    @Override
    public RolloutState read(String namespace, String deployment, ImageVersion version) {
        try {
            Deployment current = existing(namespace, deployment);
            var status = current.getStatus();
            var problems = new ArrayList<String>();
            boolean fatal = deadlineExceeded(current, problems);
            int ready = 0;
            for (Pod pod : pods(current)) {
                fatal |= podProblems(pod, version, problems);
                ready += readyAtVersion(pod, version) ? 1 : 0;
            }
            int replicas = Objects.requireNonNullElse(current.getSpec().getReplicas(), 1);
            return new RolloutState(
                    Objects.requireNonNullElse(current.getMetadata().getGeneration(), 0L),
                    status == null ? 0 : Objects.requireNonNullElse(status.getObservedGeneration(), 0L),
                    replicas,
                    status == null ? 0 : Objects.requireNonNullElse(status.getUpdatedReplicas(), 0),
                    status == null ? 0 : Objects.requireNonNullElse(status.getAvailableReplicas(), 0),
                    ready,
                    problems,
                    fatal);
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate("reading deployment " + namespace + "/" + deployment, e);
        }
    }

    private static boolean deadlineExceeded(Deployment deployment, List<String> problems) {
        if (deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
            return false;
        }
        for (DeploymentCondition condition : deployment.getStatus().getConditions()) {
            if ("Progressing".equals(condition.getType()) && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                problems.add("ProgressDeadlineExceeded: " + condition.getMessage());
                return true;
            }
        }
        return false;
    }

    /** Adds what the pod's containers running the new tag report; true when one of them cannot recover. */
    private static boolean podProblems(Pod pod, ImageVersion version, List<String> problems) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return false;
        }
        boolean fatal = false;
        String podName = pod.getMetadata().getName();
        for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
            if (!runsVersion(pod, container.getName(), version)) {
                continue;
            }
            var state = container.getState();
            if (state != null
                    && state.getWaiting() != null
                    && state.getWaiting().getReason() != null) {
                String reason = state.getWaiting().getReason();
                problems.add("pod " + podName + " container " + container.getName() + " " + reason
                        + Optional.ofNullable(state.getWaiting().getMessage())
                                .map(m -> ": " + m)
                                .orElse(""));
                fatal |= FATAL_WAITING.contains(reason);
            } else if (state != null && state.getRunning() != null && !Boolean.TRUE.equals(container.getReady())) {
                problems.add("pod " + podName + " container " + container.getName()
                        + " is running but not ready (readiness probe failing)" + restarts(container));
            }
        }
        return fatal;
    }

    private static boolean readyAtVersion(Pod pod, ImageVersion version) {
        return pod.getStatus() != null
                && pod.getStatus().getContainerStatuses() != null
                && pod.getStatus().getContainerStatuses().stream()
                        .anyMatch(c -> runsVersion(pod, c.getName(), version) && Boolean.TRUE.equals(c.getReady()));
    }

    private static String restarts(ContainerStatus container) {
        int restarts = Objects.requireNonNullElse(container.getRestartCount(), 0);
        return restarts == 0 ? "" : ", restarted " + restarts + " times (liveness probe or crash)";
    }

    private static boolean runsVersion(Pod pod, String container, ImageVersion version) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(container))
                .anyMatch(c ->
                        version.tag().equals(ImageReference.parse(c.getImage()).tag()));
    }

    private List<Pod> pods(Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getSelector() == null
                ? null
                : deployment.getSpec().getSelector().getMatchLabels();
        if (labels == null || labels.isEmpty()) {
            return List.of();
        }
        return client.pods()
                .inNamespace(deployment.getMetadata().getNamespace())
                .withLabels(labels)
                .list()
                .getItems();
    }

    private Deployment existing(String namespace, String deployment) {
        Deployment found = resource(namespace, deployment).get();
        if (found == null) {
            throw new StepFailure(
                    StepFailure.Kind.NOT_FOUND,
                    false,
                    "deployment " + namespace + "/" + deployment
                            + " does not exist; deploy its base manifests first or fix gitops.namespace/application");
        }
        return found;
    }

    private static Container container(Deployment deployment, String name, String where) {
        var containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        return containers.stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .or(() -> containers.size() == 1 ? Optional.of(containers.getFirst()) : Optional.empty())
                .orElseThrow(() -> new StepFailure(
                        StepFailure.Kind.NOT_FOUND,
                        false,
                        "deployment " + where + " has no container named " + name + " (containers: "
                                + String.join(
                                        ", ",
                                        containers.stream()
                                                .map(Container::getName)
                                                .toList())
                                + ")"));
    }

    private RollableScalableResource<Deployment> resource(String namespace, String deployment) {
        return client.apps().deployments().inNamespace(namespace).withName(deployment);
    }
}
