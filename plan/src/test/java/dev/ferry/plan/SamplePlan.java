package dev.ferry.plan;

import dev.ferry.plan.GitOpsDefinition.DeployModeKind;
import dev.ferry.plan.GitOpsDefinition.GitOpsLayoutKind;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.Actions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small resolved plan built by hand, the way the plan reader would resolve it, for domain tests. */
public final class SamplePlan {

    static final GitOpsDefinition GITOPS = new GitOpsDefinition(
            "https://github.com/acme/gitops.git",
            "main",
            GitOpsLayoutKind.HELM_VALUES,
            "environments/{env}/{service}/values.yaml",
            null,
            DeployModeKind.ARGO_CD,
            "{service}-{env}",
            "shop-{env}",
            600,
            "gitops-token");

    private SamplePlan() {}

    static MigrationPlan twoServices() {
        return new MigrationPlan(
                "shop",
                new SourceRepository("https://github.com/acme/shop.git", "main", null),
                List.of(
                        service("api-gateway", "services/api-gateway", DeploySettings.none()),
                        service("frontend", "frontend", new DeploySettings(null, null, "web-{env}", null))),
                List.of(new EnvironmentDefinition("dev", GITOPS), new EnvironmentDefinition("prod", GITOPS)),
                List.of(
                        phase("split", Actions.SPLIT, null, List.of()),
                        phase("build", Actions.BUILD, null, List.of("split")),
                        phase("deploy-dev", Actions.DEPLOY, "dev", List.of("build")),
                        new PhaseDefinition(
                                "checks",
                                Actions.GATE,
                                null,
                                List.of("deploy-dev"),
                                true,
                                false,
                                FailurePolicy.STOP,
                                RetryPolicy.none(),
                                List.of("smoke tests pass"),
                                List.of()),
                        new PhaseDefinition(
                                "deploy-prod",
                                Actions.DEPLOY,
                                "prod",
                                List.of("checks"),
                                true,
                                false,
                                FailurePolicy.STOP,
                                new RetryPolicy(3, Duration.ofSeconds(30), 2, Duration.ofMinutes(5)),
                                List.of(),
                                List.of()),
                        new PhaseDefinition(
                                "rollback-prod",
                                Actions.ROLLBACK,
                                "prod",
                                List.of(),
                                false,
                                false,
                                FailurePolicy.STOP,
                                RetryPolicy.none(),
                                List.of(),
                                List.of()),
                        new PhaseDefinition(
                                "cutover",
                                Actions.ARCHIVE,
                                null,
                                List.of("deploy-prod"),
                                false,
                                true,
                                FailurePolicy.CONTINUE,
                                RetryPolicy.none(),
                                List.of(),
                                List.of("api-gateway"))),
                "");
    }

    static ServiceDefinition service(String name, String path, DeploySettings deploy) {
        return new ServiceDefinition(
                name,
                path,
                new TargetRepositoryDefinition(
                        "https://github.com/acme/shop-" + name + ".git", "main", null, false, false, null),
                new ImageDefinition(
                        "123.dkr.ecr.us-east-2.amazonaws.com",
                        "shop-ecr",
                        "{service}-{sha}",
                        List.of("{service}-latest"),
                        "jib",
                        null,
                        null,
                        null,
                        Map.of()),
                deploy,
                null,
                Map.of(),
                List.of());
    }

    /** A phase with no approval, no barrier, stop on failure and no retry; other test packages build on it. */
    public static PhaseDefinition phase(String name, Action action, String environment, List<String> dependsOn) {
        return new PhaseDefinition(
                name,
                action,
                environment,
                dependsOn,
                false,
                false,
                FailurePolicy.STOP,
                RetryPolicy.none(),
                List.of(),
                List.of());
    }
}
