package dev.ferry.plan;

import java.util.List;
import java.util.Map;

/** What one step (a phase for one service) would do, in one line of a dry run. */
final class StepDescriptions {

    private final MigrationPlan plan;
    private final Map<String, List<String>> graph;

    StepDescriptions(MigrationPlan plan, Map<String, List<String>> graph) {
        this.plan = plan;
        this.graph = graph;
    }

    String describe(PhaseDefinition phase, ServiceDefinition service) {
        return switch (phase.action()) {
            case SPLIT -> split(service);
            case BUILD -> build(service);
            case DEPLOY -> deploy(phase, service, false);
            case ROLLBACK -> deploy(phase, service, true);
            case ARCHIVE -> "archive " + plan.source().repository() + " (made read-only)";
            case GATE ->
                phase.checklist().isEmpty()
                        ? "gate"
                        : "gate: " + phase.checklist().size() + "-item checklist";
        };
    }

    private static String split(ServiceDefinition service) {
        TargetRepositoryDefinition target = service.target();
        String path = service.path().isEmpty() ? "whole repository" : service.path();
        return path + " -> " + target.repository() + " (branch " + target.defaultBranch() + ")";
    }

    private static String build(ServiceDefinition service) {
        ImageDefinition image = service.image();
        var values = Map.of("service", service.name());
        String repository = image.registry().isEmpty()
                ? "OCI tarball " + image.repository()
                : image.registry() + "/" + image.repository();
        var text = new StringBuilder(repository + ":" + TemplateText.fill(image.tagTemplate(), values));
        text.append(" with ").append(image.builder());
        if (image.workflow() != null) {
            text.append(" (").append(image.workflow()).append(")");
        }
        if (!image.movingTags().isEmpty()) {
            text.append("; moving tags ");
            text.append(String.join(
                    ", ",
                    image.movingTags().stream()
                            .map(tag -> TemplateText.fill(tag, values))
                            .toList()));
        }
        return text.toString();
    }

    private String deploy(PhaseDefinition phase, ServiceDefinition service, boolean rollback) {
        EnvironmentDefinition environment =
                plan.environment(phase.environment()).orElseThrow();
        ResolvedDeploy target = DeployTargets.resolve(service, environment);
        String where = target.filePath() + " " + key(target, service);
        String what = rollback ? "restore the previous tag in " + where : where + fixedTag(phase, service);
        return what + " (" + follow(target, service) + ")";
    }

    /** A deploy with no build before it deploys the image's tag template as a fixed release tag. */
    private String fixedTag(PhaseDefinition phase, ServiceDefinition service) {
        boolean built = PhaseOrder.upstream(graph, phase.name()).stream()
                .map(plan::phase)
                .anyMatch(upstream ->
                        upstream.map(p -> p.action() == PhaseKind.BUILD).orElse(false));
        if (built || service.image() == null) {
            return "";
        }
        return " := " + TemplateText.fill(service.image().tagTemplate(), Map.of("service", service.name()));
    }

    private static String key(ResolvedDeploy target, ServiceDefinition service) {
        String key = target.keyPath();
        return switch (target.layout()) {
            case HELM_VALUES -> key != null ? key : "image.tag";
            case KUSTOMIZE -> "images[" + (key != null ? key : service.name()) + "]";
            case PLAIN_MANIFEST -> "container " + (key != null ? key : service.name());
        };
    }

    /** How deploy-service follows the commit; its defaults are the service's name and the default namespace. */
    private static String follow(ResolvedDeploy target, ServiceDefinition service) {
        String namespace = target.namespace() == null ? "" : ", namespace " + target.namespace();
        return switch (target.mode()) {
            case ARGO_CD -> "Argo CD app " + target.application() + namespace;
            case DIRECT_KUBERNETES ->
                "rollout of deployment " + (target.application() != null ? target.application() : service.name())
                        + " in namespace " + (target.namespace() != null ? target.namespace() : "default");
            case GITOPS_ONLY -> "commit only, no cluster is checked";
        };
    }
}
