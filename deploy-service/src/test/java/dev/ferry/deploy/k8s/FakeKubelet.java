package dev.ferry.deploy.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the Deployment controller and the kubelet against the mock API server: when a Deployment's image changes it
 * replaces the pods and reports their statuses as the scenario says, then the Deployment's replica counts.
 */
public final class FakeKubelet implements AutoCloseable {

    public static final String NAMESPACE = "shop";

    public enum Scenario {
        HEALTHY,
        CRASH_LOOP,
        IMAGE_PULL_FAILS,
        READINESS_FAILS,
        DEADLINE_EXCEEDED
    }

    private final KubernetesClient client;
    private final Map<String, Scenario> scenarios = new ConcurrentHashMap<>();
    private final Map<String, String> rolledOut = new ConcurrentHashMap<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    public FakeKubelet(KubernetesClient client) {
        this.client = client;
        loop.scheduleWithFixedDelay(this::reconcileAll, 10, 20, TimeUnit.MILLISECONDS);
    }

    /** A running Deployment of {@code replicas} pods with container {@code name} on {@code image}. */
    public void createDeployment(String name, String image, int replicas, Scenario scenario) {
        scenarios.put(name, scenario);
        rolledOut.put(name, image);
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .withGeneration(1L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(Map.of("app", name))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("app", name))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(name)
                .withImage(image)
                .endContainer()
                .addNewContainer()
                .withName("envoy")
                .withImage("envoyproxy/envoy:v1.30")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .withStatus(new DeploymentStatusBuilder()
                        .withObservedGeneration(1L)
                        .withReplicas(replicas)
                        .withUpdatedReplicas(replicas)
                        .withAvailableReplicas(replicas)
                        .build())
                .build();
        client.apps().deployments().inNamespace(NAMESPACE).resource(deployment).create();
    }

    public String imageOf(String deployment) {
        return client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName(deployment)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getImage();
    }

    private void reconcileAll() {
        try {
            for (Deployment deployment :
                    client.apps().deployments().inNamespace(NAMESPACE).list().getItems()) {
                reconcile(deployment);
            }
        } catch (RuntimeException e) {
            // The mock server is going away at the end of a test.
        }
    }

    private void reconcile(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        String image = deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getImage();
        if (image.equals(rolledOut.get(name))) {
            return;
        }
        rolledOut.put(name, image);
        Scenario scenario = scenarios.getOrDefault(name, Scenario.HEALTHY);
        int replicas = deployment.getSpec().getReplicas();
        client.pods().inNamespace(NAMESPACE).withLabels(Map.of("app", name)).delete();
        for (int i = 0; i < replicas; i++) {
            client.pods()
                    .inNamespace(NAMESPACE)
                    .resource(pod(name, image, i, scenario))
                    .create();
        }
        boolean healthy = scenario == Scenario.HEALTHY;
        long generation = deployment.getMetadata().getGeneration() + 1;
        client.apps().deployments().inNamespace(NAMESPACE).withName(name).edit(d -> {
            d.getMetadata().setGeneration(generation);
            var status = new DeploymentStatusBuilder()
                    .withObservedGeneration(generation)
                    .withReplicas(replicas)
                    .withUpdatedReplicas(replicas)
                    .withAvailableReplicas(healthy ? replicas : 0);
            if (scenario == Scenario.DEADLINE_EXCEEDED) {
                status.addToConditions(new DeploymentConditionBuilder()
                        .withType("Progressing")
                        .withStatus("False")
                        .withReason("ProgressDeadlineExceeded")
                        .withMessage("ReplicaSet \"" + name + "-5d4f\" has timed out progressing.")
                        .build());
            }
            d.setStatus(status.build());
            return d;
        });
    }

    private static Pod pod(String name, String image, int index, Scenario scenario) {
        var container =
                new ContainerStatusBuilder().withName(name).withImage(image).withRestartCount(0);
        switch (scenario) {
            case HEALTHY, DEADLINE_EXCEEDED ->
                container
                        .withReady(true)
                        .withNewState()
                        .withNewRunning()
                        .endRunning()
                        .endState();
            case CRASH_LOOP ->
                container
                        .withReady(false)
                        .withRestartCount(4)
                        .withNewState()
                        .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .withMessage("back-off 1m20s restarting failed container=" + name)
                        .endWaiting()
                        .endState();
            case IMAGE_PULL_FAILS ->
                container
                        .withReady(false)
                        .withNewState()
                        .withNewWaiting()
                        .withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"" + image + "\"")
                        .endWaiting()
                        .endState();
            case READINESS_FAILS ->
                container
                        .withReady(false)
                        .withNewState()
                        .withNewRunning()
                        .endRunning()
                        .endState();
        }
        return new PodBuilder()
                .withNewMetadata()
                .withName(name + "-5d4f-" + index)
                .withNamespace(NAMESPACE)
                .withLabels(Map.of("app", name))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(name)
                .withImage(image)
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withContainerStatuses(container.build())
                .endStatus()
                .build();
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
