package dev.ferry.deploy.kafka;

import dev.ferry.contracts.avro.GitOpsLayout;
import dev.ferry.contracts.avro.GitOpsSpec;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.deploy.domain.BootstrapSpec;
import dev.ferry.deploy.domain.GitOpsBootstrap;
import dev.ferry.deploy.domain.Redaction;
import dev.ferry.deploy.domain.StepFailure;
import java.util.Map;

/**
 * Reads the bootstrap request from a service's step parameters. The contract has no field for it, so a plan asks with
 * {@code parameters: {bootstrap: "true", port: "8080", healthPath: "/health", autoSync: "true"}}.
 */
final class BootstrapRequests {

    static final String BOOTSTRAP = "bootstrap";

    private BootstrapRequests() {}

    /**
     * The files to create when missing, or none when the plan did not ask for a bootstrap.
     *
     * @param application the Argo CD Application's name the deploy follows
     * @param argocdNamespace the namespace of the environment's Argo CD
     */
    static Map<String, String> filesFor(
            ServiceWork work, String environment, String application, String argocdNamespace) {
        Map<String, String> parameters = work.getParameters();
        if (!"true".equalsIgnoreCase(parameters.getOrDefault(BOOTSTRAP, "false"))) {
            return Map.of();
        }
        GitOpsSpec gitops = work.getGitops();
        if (gitops.getLayout() != GitOpsLayout.KUSTOMIZE) {
            throw StepFailure.invalid("service " + work.getService() + " asks for a bootstrap, which lays out the"
                    + " Kustomize layout of seed 001; its gitops.layout is " + gitops.getLayout());
        }
        String image = work.getImage() == null
                ? work.getService()
                : work.getImage().getRegistry() + "/" + work.getImage().getRepository();
        return GitOpsBootstrap.files(new BootstrapSpec(
                work.getService(),
                environment,
                gitops.getFilePath(),
                image,
                Redaction.withoutCredentials(gitops.getRepository()),
                port(work, parameters.getOrDefault("port", "8080")),
                parameters.getOrDefault("healthPath", "/health"),
                !"false".equalsIgnoreCase(parameters.getOrDefault("autoSync", "true")),
                application,
                argocdNamespace,
                gitops.getNamespace() == null || gitops.getNamespace().isBlank()
                        ? work.getService() + "-" + environment
                        : gitops.getNamespace()));
    }

    private static int port(ServiceWork work, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw StepFailure.invalid(
                    "service " + work.getService() + " has parameters.port '" + text + "', which is not a number");
        }
    }
}
