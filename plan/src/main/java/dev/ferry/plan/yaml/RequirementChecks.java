package dev.ferry.plan.yaml;

import dev.ferry.plan.FailurePolicy;
import dev.ferry.plan.PhaseOrder;
import dev.ferry.plan.Placeholder;
import dev.ferry.plan.TemplateText;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.Build;
import dev.ferry.plan.action.Deploy;
import dev.ferry.plan.action.Requirement;
import dev.ferry.plan.action.SmokeCheck;
import dev.ferry.plan.action.TagImage;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks that each phase finds what its action needs once defaults are applied (a source to split, a target for each
 * service, an image repository to build into, GitOps settings to deploy with), so that a run never stops half way
 * for a setting the plan could have been checked for.
 */
final class RequirementChecks {

    private static final Set<Placeholder> COMMIT =
            EnumSet.of(Placeholder.SHA, Placeholder.GIT_SHA, Placeholder.SHORT_SHA, Placeholder.SHA_PREFIX);

    private final PlanDraft plan;
    private final Problems problems;
    private final Layers layers;
    private final Map<String, EnvironmentDraft> environments;
    private final Map<String, ServiceDraft> services;
    private final Map<String, List<String>> graph = new LinkedHashMap<>();
    private final Map<String, PhaseDraft> phases;
    private final boolean graphKnown;

    RequirementChecks(PlanDraft plan, Problems problems) {
        this.plan = plan;
        this.problems = problems;
        this.layers = new Layers(plan);
        this.environments = ReferenceChecks.names(plan.environments(), EnvironmentDraft::name);
        this.services = ReferenceChecks.names(plan.services(), ServiceDraft::name);
        this.phases = ReferenceChecks.names(plan.phases(), PhaseDraft::name);
        phases.forEach((name, phase) -> graph.put(name, phase.dependencyNames()));
        this.graphKnown = graphKnown();
    }

    void check() {
        plan.environments().forEach(this::environmentGitOps);
        plan.phases().forEach(this::rollbackOnlyWithSomethingToRestore);
        plan.phases().forEach(phase -> layers.retry(phase).check(problems));
        for (PhaseDraft phase : plan.phases()) {
            if (phase.kind() != null) {
                phase.kind().requires().stream().sorted().forEach(requirement -> check(phase, requirement));
            }
        }
    }

    private void check(PhaseDraft phase, Requirement requirement) {
        switch (requirement) {
            case SOURCE -> needsSource(phase);
            case SERVICE_PATH -> servicePaths(phase);
            case TARGET_REPOSITORY -> targets(phase);
            case IMAGE_REPOSITORY -> images(phase);
            case SPLIT_BEFORE -> splitBefore(phase);
            case GITOPS -> gitops(phase);
            case BUILD_BEFORE_OR_FIXED_TAG -> buildBeforeOrFixedTag(phase);
            case FILE_TEMPLATES -> new FileTemplateChecks(plan, problems, layers).check(phase, servicesOf(phase));
            case RESTRUCTURE_RULES -> new RestructureChecks(problems).check(phase);
            case MERGE_REPOSITORIES -> new MergeChecks(problems).check(phase);
            case JOB_SETTINGS ->
                new JobChecks(problems).check(phase, !graphKnown || upstreamNeeds(phase, Actions.BUILD));
            case TRAFFIC_STEPS ->
                new TrafficChecks(problems).check(phase, servicesOf(phase).size());
            case SMOKE_CHECKS -> smokeChecks(phase);
            case DEPLOY_BEFORE -> deployBefore(phase);
        }
    }

    /**
     * {@code onFailure: rollback} restores something: a deploy the environment's previous tag, any other phase the dump
     * of a backup-database phase it depends on. Elsewhere it would mean nothing.
     */
    private void rollbackOnlyWithSomethingToRestore(PhaseDraft phase) {
        if (phase.onFailure() != FailurePolicy.ROLLBACK || phase.kind() == null || phase.kind() == Actions.DEPLOY) {
            return;
        }
        if (graphKnown && upstreamNeeds(phase, Actions.BACKUP_DATABASE)) {
            return;
        }
        problems.add(
                phase.map().value("onFailure").orElseThrow(),
                phase.map().path("onFailure"),
                "rollback restores a deploy's previous tag, or the dump of a backup-database phase this phase depends"
                        + " on; a " + phase.kind().name() + " phase has neither: add the backup-database phase to"
                        + " dependsOn, or use stop or continue");
    }

    /** Each check read as deploy-service will read it: a URL that is not http(s) is refused here, not at run time. */
    private void smokeChecks(PhaseDraft phase) {
        phase.map().scalars(Deploy.CHECKS).orElse(Map.of()).forEach((name, line) -> {
            try {
                SmokeCheck.parse(name, line.value());
            } catch (IllegalArgumentException e) {
                problems.add(line.node(), line.path(), e.getMessage());
            }
        });
    }

    /**
     * A tag-image phase moves a tag to what a deploy to its environment verified: that deploy must come before it, or
     * nothing would have been verified when the tag moves.
     */
    private void deployBefore(PhaseDraft phase) {
        phase.map().string(TagImage.TAG).ifPresent(tag -> TagImage.problem(tag.value())
                .ifPresent(problem -> problems.add(tag.node(), tag.path(), problem)));
        if (phase.environment() == null || !graphKnown) {
            return;
        }
        String environment = phase.environment().value();
        boolean verified = PhaseOrder.upstream(graph, phase.nameOrNull()).stream()
                .map(phases::get)
                .anyMatch(earlier -> earlier != null
                        && earlier.kind() == Actions.DEPLOY
                        && earlier.environment() != null
                        && environment.equals(earlier.environment().value()));
        if (!verified) {
            problems.add(
                    phase.anchor(),
                    phase.map().path("dependsOn"),
                    "a " + phase.kind().name() + " phase moves the tag to what a deploy to " + environment
                            + " verified; add that deploy phase to dependsOn");
        } else if (!upstreamNeeds(phase, Actions.BUILD)) {
            // The digest comes from the build: a deploy of a fixed tag reports none, and the step would fail only
            // when it runs.
            problems.add(
                    phase.anchor(),
                    phase.map().path("dependsOn"),
                    "a " + phase.kind().name() + " phase moves the tag to the digest a build pushed, but no build"
                            + " phase comes before it; add one before the deploy to " + environment);
        }
    }

    /** Without a plan-wide gitops section, an environment's own fields must say where and how on their own. */
    private void environmentGitOps(EnvironmentDraft environment) {
        if (plan.gitops() != null || environment.overrides().isEmpty()) {
            return;
        }
        GitOpsFields own = environment.overrides();
        if (own.repository() == null) {
            environment.map().missing("repository", "the GitOps repository (there is no spec.gitops to inherit from)");
        }
        if (own.layout() == null) {
            environment
                    .map()
                    .missing(
                            "layout",
                            "helm-values, kustomize or plain-manifest (there is no spec.gitops to inherit from)");
        }
    }

    private void servicePaths(PhaseDraft phase) {
        servicesOf(phase).stream()
                .filter(service -> service.path() == null
                        && !service.map().has("path")
                        && !service.map().has("paths"))
                .forEach(service -> service.map()
                        .missing(
                                "path",
                                "the service's directory in the source repository, which phase \"" + phase.nameOrNull()
                                        + "\" splits out (e.g. services/user-service), or its paths"));
    }

    private void targets(PhaseDraft phase) {
        lacking(
                phase,
                service -> layers.target(service).repository() == null,
                "has no target repository for",
                "set defaults.target.repository (e.g."
                        + " https://github.com/org/{service}.git) or the service's target.repository");
    }

    private void images(PhaseDraft phase) {
        lacking(
                phase,
                service -> layers.image(service).repository() == null,
                "has no image repository for",
                "set registry.repository or the service's image.repository");
    }

    private void splitBefore(PhaseDraft phase) {
        if (phase.kind().takes(Build.CONTEXT) && phase.settings().containsKey(Build.CONTEXT)) {
            // It builds from the source repository instead of the split ones.
            needsSource(phase);
            insideTheRepository(phase, phase.settings().get(Build.CONTEXT));
            return;
        }
        if (graphKnown && !upstreamNeeds(phase, Actions.SPLIT)) {
            problems.add(
                    phase.anchor(),
                    phase.map().path("dependsOn"),
                    "a " + phase.kind().name() + " phase works on the repositories a split phase made; add that split"
                            + " phase to dependsOn");
        }
    }

    private void insideTheRepository(PhaseDraft phase, String context) {
        boolean outside =
                context.startsWith("/") || Arrays.asList(context.split("/")).contains("..");
        if (outside) {
            problems.add(
                    phase.anchor(),
                    phase.map().path(Build.CONTEXT),
                    "context " + context + " is not a directory inside the source repository; write a relative path"
                            + " without '..', e.g. services/{service}");
        }
    }

    private void gitops(PhaseDraft phase) {
        EnvironmentDraft environment = phase.environment() == null
                ? null
                : environments.get(phase.environment().value());
        if (environment == null) {
            return;
        }
        GitOpsFields gitops = layers.gitops(environment);
        if (gitops.isEmpty()) {
            problems.add(
                    phase.anchor(),
                    phase.map().path("action"),
                    "a " + phase.kind().name()
                            + " phase records the deployment in a GitOps repository, but the plan has no gitops section");
            return;
        }
        lacking(
                phase,
                service -> service.deploy().filePath() == null && gitops.path() == null,
                "has no GitOps file path for",
                "set gitops.path (e.g. environments/{env}/{service}/values.yaml),"
                        + " the environment's path or the service's deploy.path");
    }

    private void buildBeforeOrFixedTag(PhaseDraft phase) {
        if (graphKnown && !upstreamNeeds(phase, Actions.BUILD)) {
            lacking(
                    phase,
                    service -> usesCommit(layers.image(service).tagTemplateOrDefault()),
                    "has no build phase before it, so it can only deploy a fixed tag, but the tag template names a"
                            + " commit for",
                    "add the build phase to dependsOn, or set registry.tagTemplate to the release to deploy (e.g."
                            + " v1.0.0)");
        }
    }

    private void needsSource(PhaseDraft phase) {
        if (plan.source() == null) {
            problems.add(
                    phase.anchor(),
                    phase.map().path("action"),
                    "a " + phase.kind().name()
                            + " phase works on the source repository, but the plan has no source section");
        }
    }

    /** One problem per phase naming every service it runs for that lacks something, rather than one per service. */
    private void lacking(PhaseDraft phase, Predicate<ServiceDraft> lacks, String what, String fix) {
        List<String> names = servicesOf(phase).stream()
                .filter(lacks)
                .map(ServiceDraft::nameOrNull)
                .toList();
        if (!names.isEmpty()) {
            problems.add(
                    phase.anchor(),
                    phase.map().path("action"),
                    phase.kind().name() + " phase \"" + phase.nameOrNull() + "\" " + what + " "
                            + String.join(", ", names) + "; " + fix);
        }
    }

    private List<ServiceDraft> servicesOf(PhaseDraft phase) {
        if (phase.services().isEmpty()) {
            return List.copyOf(services.values());
        }
        return phase.services().stream()
                .map(name -> services.get(name.value()))
                .filter(service -> service != null)
                .toList();
    }

    /**
     * Whether every phase has a known name and action and depends only on declared phases, without cycles. Checks of
     * what comes before a phase run only then: otherwise a typo in one dependsOn would also be reported as a
     * missing build or split, burying the real problem under its echoes.
     */
    private boolean graphKnown() {
        boolean complete = plan.phases().stream().allMatch(phase -> phase.name() != null && phase.kind() != null)
                && graph.values().stream().flatMap(List::stream).allMatch(graph::containsKey);
        return complete && PhaseOrder.findCycles(graph).isEmpty();
    }

    private boolean upstreamNeeds(PhaseDraft phase, Action action) {
        return PhaseOrder.upstream(graph, phase.nameOrNull()).stream()
                .anyMatch(name -> phases.containsKey(name) && phases.get(name).kind() == action);
    }

    private static boolean usesCommit(String template) {
        return COMMIT.stream().anyMatch(placeholder -> TemplateText.uses(template, placeholder));
    }
}
