package dev.ferry.deploy.k8s;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/** fabric8's mock Kubernetes API server in CRUD mode, knowing Argo CD's Application resource. */
public final class MockCluster implements AutoCloseable {

    public final KubernetesMockServer server;
    public final NamespacedKubernetesClient client;

    public MockCluster() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                .withGroup("argoproj.io")
                .withVersion("v1alpha1")
                .withKind("Application")
                .withPlural("applications")
                .withScope("Namespaced")
                .build());
        client = server.createClient();
    }

    /** Whether the cluster holds an Argo CD Application of that name in that namespace. */
    public boolean hasApplication(String namespace, String name) {
        return client.genericKubernetesResources(FabricArgoCdApplications.APPLICATION)
                        .inNamespace(namespace)
                        .withName(name)
                        .get()
                != null;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
