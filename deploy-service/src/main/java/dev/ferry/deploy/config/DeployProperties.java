package dev.ferry.deploy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of deploy-service ({@code ferry.deploy.*}).
 *
 * @param workspaceDir where working copies of GitOps repositories are kept
 * @param argocdNamespace namespace of Argo CD's Application resources
 * @param pollInterval pause between two looks at Argo CD or a Deployment
 * @param maxPushAttempts pushes a batch tries before giving up on a branch that keeps moving
 * @param kubernetesUrl API server URL; empty to use the in-cluster or kubeconfig settings
 * @param credentials GitOps credentials by the name a plan's {@code credentialRef} uses; tokens never leave this map
 */
@ConfigurationProperties("ferry.deploy")
public record DeployProperties(
        Path workspaceDir,
        String argocdNamespace,
        Duration pollInterval,
        Integer maxPushAttempts,
        String kubernetesUrl,
        String authorName,
        String authorEmail,
        Map<String, Credential> credentials) {

    public DeployProperties {
        workspaceDir =
                workspaceDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "ferry-gitops") : workspaceDir;
        argocdNamespace = argocdNamespace == null ? "argocd" : argocdNamespace;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        maxPushAttempts = maxPushAttempts == null ? 50 : maxPushAttempts;
        authorName = authorName == null ? "Ferry" : authorName;
        authorEmail = authorEmail == null ? "ferry@localhost" : authorEmail;
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    /** A username and token; {@link #toString()} hides the token so a dump of the settings cannot leak it. */
    public record Credential(String username, String token) {
        @Override
        public String toString() {
            return "Credential[username=" + username + ", token=***]";
        }
    }
}
