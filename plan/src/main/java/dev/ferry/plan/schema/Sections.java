package dev.ferry.plan.schema;

import static dev.ferry.plan.schema.Types.bool;
import static dev.ferry.plan.schema.Types.dnsLabel;
import static dev.ferry.plan.schema.Types.duration;
import static dev.ferry.plan.schema.Types.integerAtLeast;
import static dev.ferry.plan.schema.Types.numberAtLeast;
import static dev.ferry.plan.schema.Types.oneOf;
import static dev.ferry.plan.schema.Types.ref;
import static dev.ferry.plan.schema.Types.requiredText;
import static dev.ferry.plan.schema.Types.scalars;
import static dev.ferry.plan.schema.Types.section;
import static dev.ferry.plan.schema.Types.spellings;
import static dev.ferry.plan.schema.Types.text;
import static dev.ferry.plan.schema.Types.textList;

import dev.ferry.plan.FailurePolicy;
import dev.ferry.plan.GitOpsDefinition.DeployModeKind;
import dev.ferry.plan.GitOpsDefinition.GitOpsLayoutKind;
import dev.ferry.plan.action.Build;
import java.util.List;

/**
 * The parts of the plan that do not depend on the action catalogue, field for field as the reader takes them (the
 * reader's tests keep the two equal), with the plan reference's words as descriptions.
 */
final class Sections {

    private Sections() {}

    /** Every section, by the name {@code $ref}s use; the phase is added by {@link PhaseSchema}. */
    static Json definitions() {
        return Json.object()
                .put("metadata", metadata())
                .put("spec", spec())
                .put("source", source())
                .put("defaults", defaults())
                .put("target", target())
                .put("image", image())
                .put("gitops", gitops())
                .put("environment", environment())
                .put("service", service())
                .put("deploy", deploy())
                .put("retry", retry());
    }

    /** What a step that failed for good does to the run. */
    static Json onFailure(String defaultValue) {
        return oneOf(
                spellings(FailurePolicy.class),
                "When a step fails for good: stop (nothing new starts) or continue (the other services go on); "
                        + defaultValue);
    }

    private static Json metadata() {
        return section(
                "The plan's name and what it is for.",
                List.of("name"),
                Json.object()
                        .put("name", dnsLabel("The plan's name, e.g. fitsync-multi-repo"))
                        .put("description", text("What the plan does, for people")));
    }

    private static Json spec() {
        return section(
                "The plan itself.",
                List.of("services", "phases"),
                Json.object()
                        .put("source", ref("source", "The repository the services are split out of"))
                        .put("defaults", ref("defaults", "What every service and phase gets unless it says otherwise"))
                        .put("registry", ref("image", "The plan-wide image settings, under defaults.image"))
                        .put("gitops", ref("gitops", "Where deployments are recorded"))
                        .put("environments", list("environment", "The environments phases deploy to", 0))
                        .put("services", list("service", "The services; names and paths are unique", 1))
                        .put(
                                "phases",
                                list(
                                        "phase",
                                        "The phases; names are unique and dependsOn forms no cycle. Each phase runs"
                                                + " once per service",
                                        1)));
    }

    private static Json list(String item, String description, int minItems) {
        Json list = Json.object()
                .put("type", "array")
                .put("description", description)
                .put("items", Json.object().put("$ref", "#/$defs/" + item));
        return minItems > 0 ? list.put("minItems", minItems) : list;
    }

    private static Json source() {
        return section(
                "The repository the services are split out of; needed when a phase splits or archives.",
                List.of("repository"),
                Json.object()
                        .put("repository", requiredText("URL (https://, ssh://, file://) or local path"))
                        .put("branch", text("Branch to split; default main"))
                        .put("credentialRef", text("Name of the secret with a token to read (and archive) it")));
    }

    private static Json defaults() {
        return section(
                "What every service and phase gets unless it says otherwise.",
                List.of(),
                Json.object()
                        .put("target", ref("target", "Target repository settings every service gets"))
                        .put("image", ref("image", "Image settings every service gets, over registry"))
                        .put("retry", ref("retry", "Retry policy every phase gets"))
                        .put("onFailure", onFailure("for every phase; default stop"))
                        .put("parameters", scalars("Parameters every service gets")));
    }

    private static Json target() {
        return section(
                "A service's own repository (defaults.target, services[].target).",
                List.of(),
                Json.object()
                        .put(
                                "repository",
                                text("The service's repository, e.g. https://github.com/acme/{service}.git; needed"
                                        + " for services a split phase splits"))
                        .put("defaultBranch", text("Branch the split history is pushed to; default main"))
                        .put(
                                "visibility",
                                oneOf(
                                        List.of("private", "internal", "public"),
                                        "Used only when Ferry creates the repository; default private"))
                        .put("force", bool("Overwrite a repository that holds unrelated history; default false"))
                        .put("rewriteTags", bool("Carry the source's tags over to the split commits; default false"))
                        .put("credentialRef", text("Secret with a token to push")));
    }

    private static Json image() {
        return section(
                "Image settings (registry, defaults.image, services[].image), laid over each other in that order.",
                List.of(),
                Json.object()
                        .put("host", text("Registry host; none builds an OCI tarball"))
                        .put(
                                "repository",
                                text("Repository inside the registry, e.g. acme/{service}; needed for services a"
                                        + " build phase builds"))
                        .put(
                                "tagTemplate",
                                text("The immutable tag; default {service}-{sha}. Never {env} or {semver}; a fixed"
                                        + " release such as v1.0.0 where nothing is built"))
                        .put(
                                "movingTags",
                                textList("Tags pointed at each new image, e.g. {service}-latest, {service}-v{semver}"))
                        .put(
                                "builder",
                                oneOf(
                                        Build.BUILDERS,
                                        "auto (jib when the Dockerfile needs no container, buildah otherwise), jib"
                                                + " (in-process, no RUN), buildah (RUN and stages) or github-actions"
                                                + " (the service repository's workflow); default "
                                                + Build.DEFAULT_BUILDER))
                        .put("dockerfile", text("Dockerfile path in the service repository"))
                        .put("workflow", text("GitHub Actions workflow file for the github-actions builder"))
                        .put("credentialRef", text("Secret for the registry"))
                        .put("createRepository", bool("Create the repository in the registry when missing"))
                        .put("buildArgs", scalars("Dockerfile build arguments, NAME: value")));
    }

    private static Json gitops() {
        return section(
                "Where deployments are recorded; needed when a phase deploys or rolls back, unless every environment"
                        + " gives its own.",
                List.of("repository", "layout"),
                gitopsFields());
    }

    private static Json environment() {
        return section(
                "An environment phases deploy to; it may override any gitops field.",
                List.of("name"),
                Json.object()
                        .put("name", dnsLabel("The environment's name, e.g. dev; unique"))
                        .putAll(gitopsFields()));
    }

    private static Json gitopsFields() {
        return Json.object()
                .put("repository", text("The GitOps repository"))
                .put("branch", text("Branch Ferry commits to; default main"))
                .put(
                        "layout",
                        oneOf(
                                spellings(GitOpsLayoutKind.class),
                                "helm-values (a values file, edited at keyPath), kustomize (the images: entry of a"
                                        + " kustomization) or plain-manifest (a container's image:)"))
                .put("path", text("File to edit, e.g. environments/{env}/{service}/values.yaml"))
                .put("keyPath", text("Helm key path (default image.tag), or the Kustomize image or container name"))
                .put(
                        "mode",
                        oneOf(
                                spellings(DeployModeKind.class),
                                "argo-cd (wait for the Application to sync; the default), direct-kubernetes (wait for"
                                        + " the Deployment's rollout) or gitops-only (commit, follow nothing)"))
                .put("application", text("Argo CD Application (or Deployment); default {service}-{env} with argo-cd"))
                .put("namespace", text("Kubernetes namespace, e.g. shop-{env}"))
                .put("syncTimeout", duration("How long a deploy may take to sync, between 1s and 24h; default 600s"))
                .put("credentialRef", text("Secret with a token to push"));
    }

    private static Json service() {
        return section(
                "A service to move.",
                List.of("name"),
                Json.object()
                        .put("name", dnsLabel("The service's name, e.g. user-service; unique"))
                        .put(
                                "path",
                                text("Directory in the source repository, relative and normalised, e.g."
                                        + " services/user-service; needed when a split phase splits the service"))
                        .put(
                                "paths",
                                textList("Instead of path: several directories split into the service's repository,"
                                        + " each 'from/ -> to/' ('libs/common/ -> common/', 'services/user/ -> ./' for"
                                        + " the root), as git filter-repo --path A/ --path-rename A/:X/ does"))
                        .put(
                                "port",
                                integerAtLeast(1, "Port the service listens on").put("maximum", 65_535))
                        .put("target", ref("target", "Target repository settings, over defaults.target"))
                        .put("image", ref("image", "Image settings, over defaults.image and registry"))
                        .put("deploy", ref("deploy", "This service's GitOps settings, over its environment's"))
                        .put("parameters", scalars("Text values passed to the workers as is"))
                        .put("buildArgs", scalars("Shorthand for image.buildArgs")));
    }

    private static Json deploy() {
        return section(
                "A service's own GitOps settings, over its environment's.",
                List.of(),
                Json.object()
                        .put("path", text("File to edit for this service"))
                        .put("keyPath", text("Helm key path, or the Kustomize image or container name"))
                        .put("application", text("Argo CD Application (or Deployment)"))
                        .put("namespace", text("Kubernetes namespace")));
    }

    private static Json retry() {
        return section(
                "How a step that failed with a retryable error is tried again.",
                List.of(),
                Json.object()
                        .put("attempts", integerAtLeast(1, "Tries in total; default 1"))
                        .put("backoff", duration("Pause before the second try; default 10s"))
                        .put("multiplier", numberAtLeast(1, "Each further pause is this many times the previous one"))
                        .put("maxBackoff", duration("Longest pause, not shorter than backoff; default 5m")));
    }
}
