package dev.ferry.deploy.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lays out a service in the GitOps repository as seed 001 does, for files that do not exist yet: a Kustomize base
 * (Deployment with liveness and readiness probes and resources, Service), the environment's overlay with the image
 * entry Ferry later bumps, an Argo CD Application per service and environment, and an AppProject per environment.
 * Files a person already wrote are never overwritten; the write-back only creates missing ones.
 */
public final class GitOpsBootstrap {

    private GitOpsBootstrap() {}

    /** The files by path, in the order a reviewer would read them. */
    public static Map<String, String> files(BootstrapSpec spec) {
        String app = spec.appDirectory();
        var files = new LinkedHashMap<String, String>();
        files.put(app + "/base/deployment.yaml", deployment(spec));
        files.put(app + "/base/service.yaml", service(spec));
        files.put(app + "/base/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                - deployment.yaml
                - service.yaml
                """);
        files.put(spec.overlayFile(), overlay(spec));
        files.put(spec.applicationFile(), application(spec));
        files.put("projects/" + spec.environment() + "-environment.yaml", project(spec));
        return files;
    }

    private static String deployment(BootstrapSpec s) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  labels:
                    app.kubernetes.io/name: %1$s
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: %1$s
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: %1$s
                    spec:
                      containers:
                      - name: %1$s
                        image: %1$s  # set per environment by the overlay's images entry
                        ports:
                        - containerPort: %2$d
                          name: http
                        resources:
                          requests:
                            memory: "128Mi"
                            cpu: "100m"
                          limits:
                            memory: "512Mi"
                            cpu: "500m"
                        livenessProbe:
                          httpGet:
                            path: %3$s
                            port: http
                          initialDelaySeconds: 30
                          periodSeconds: 10
                        readinessProbe:
                          httpGet:
                            path: %3$s
                            port: http
                          initialDelaySeconds: 5
                          periodSeconds: 5
                """.formatted(s.service(), s.port(), s.healthPath());
    }

    private static String service(BootstrapSpec s) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                  labels:
                    app.kubernetes.io/name: %1$s
                spec:
                  selector:
                    app.kubernetes.io/name: %1$s
                  ports:
                  - port: 80
                    targetPort: http
                    name: http
                  type: ClusterIP
                """.formatted(s.service());
    }

    private static String overlay(BootstrapSpec s) {
        return """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                - ../../base
                namespace: %4$s
                images:
                - name: %1$s
                  newName: %3$s
                """.formatted(s.service(), s.environment(), s.image(), s.namespace());
    }

    private static String application(BootstrapSpec s) {
        String sync = s.autoSync() ? """
                  syncPolicy:
                    automated:
                      prune: true
                      selfHeal: true
                    syncOptions:
                    - CreateNamespace=true
                """ : """
                  syncPolicy:
                    syncOptions:
                    - CreateNamespace=true
                """;
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %5$s
                  namespace: %6$s
                  labels:
                    app.kubernetes.io/name: %1$s
                    app.kubernetes.io/environment: %2$s
                spec:
                  project: %2$s-environment
                  source:
                    repoURL: %3$s
                    targetRevision: main
                    path: %4$s
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: %7$s
                """.formatted(
                                s.service(),
                                s.environment(),
                                s.repositoryUrl(),
                                overlayDirectory(s),
                                s.application(),
                                s.argocdNamespace(),
                                s.namespace())
                + sync;
    }

    private static String project(BootstrapSpec s) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata:
                  name: %1$s-environment
                  namespace: %3$s
                spec:
                  description: %1$s environment
                  sourceRepos:
                  - %2$s
                  destinations:
                  - namespace: '*'
                    server: https://kubernetes.default.svc
                  clusterResourceWhitelist:
                  - group: '*'
                    kind: '*'
                """.formatted(s.environment(), s.repositoryUrl(), s.argocdNamespace());
    }

    private static String overlayDirectory(BootstrapSpec s) {
        return s.overlayFile().substring(0, s.overlayFile().lastIndexOf('/'));
    }
}
