package dev.ferry.deploy.kafka;

import dev.ferry.contracts.avro.GitOpsSpec;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.deploy.domain.ClusterTracking;
import dev.ferry.deploy.domain.DeployRequest;
import dev.ferry.deploy.domain.GitOpsTarget;
import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.KeyPath;
import dev.ferry.deploy.domain.RollbackTarget;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.TagChange;
import dev.ferry.deploy.domain.TagLocation;
import dev.ferry.plan.action.Deploy;
import dev.ferry.plan.action.SmokeCheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads one service's deploy or rollback step out of a {@code phase.started} record; every missing or wrong field
 * becomes a {@link StepFailure} naming the service and the field.
 */
final class StepRequests {

    private StepRequests() {}

    static String stepId(PhaseStarted event, ServiceWork work) {
        return event.getMetadata().getEventId() + "/" + work.getService();
    }

    static DeployRequest of(PhaseStarted event, ServiceWork work, String argocdNamespace) {
        String service = work.getService();
        GitOpsSpec gitops = work.getGitops();
        if (gitops == null) {
            throw invalid(service, "has no gitops section; the plan must say which GitOps file holds its tag");
        }
        String environment = Optional.ofNullable(event.getEnvironment())
                .filter(e -> !e.isBlank())
                .orElseThrow(() -> invalid(service, "is deployed by a phase without an environment"));
        boolean rollback = event.getAction() == PhaseAction.ROLLBACK;
        var target = new GitOpsTarget(
                gitops.getRepository(), gitops.getBranch(), Optional.ofNullable(gitops.getCredentialRef()));
        var tracking = tracking(service, environment, gitops, argocdNamespace);
        String application =
                tracking instanceof ClusterTracking.ArgoCd argo ? argo.application() : service + "-" + environment;
        var change = new TagChange(
                service,
                environment,
                event.getMetadata().getMigrationId(),
                gitops.getFilePath(),
                location(service, gitops),
                version(service, work.getPrior(), rollback),
                rollback,
                stepId(event, work),
                BootstrapRequests.filesFor(work, environment, application, argocdNamespace));
        return new DeployRequest(
                target,
                change,
                tracking,
                checks(service, event),
                Deploy.checkDeadline(event.getSettings()),
                rollbackTo(event, work.getPrior(), rollback));
    }

    private static List<SmokeCheck> checks(String service, PhaseStarted event) {
        try {
            return Deploy.checks(event.getSettings());
        } catch (IllegalArgumentException e) {
            throw invalid(service, "has a smoke check deploy-service cannot run: " + e.getMessage());
        }
    }

    /**
     * What to restore on failure when the phase rolls back: the tag the run deployed to the environment before, or,
     * in a run that has not deployed there yet, what the GitOps file held before the step wrote.
     */
    private static Optional<RollbackTarget> rollbackTo(PhaseStarted event, PriorResults prior, boolean rollback) {
        if (rollback || !Deploy.rollsBackOnFailure(event.getSettings())) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(prior.getDeployedTag())
                .filter(tag -> !tag.isBlank())
                .<RollbackTarget>map(RollbackTarget.Tag::new)
                .orElseGet(RollbackTarget.BeforeWrite::new));
    }

    private static ImageVersion version(String service, PriorResults prior, boolean rollback) {
        if (rollback) {
            String tag = prior.getDeployedTag();
            if (tag == null || tag.isBlank()) {
                throw invalid(
                        service,
                        "cannot be rolled back: prior.deployedTag is empty, so there is no earlier tag"
                                + " to restore");
            }
            // tag@digest when the deploy being restored had pinned its image: the rollback pins it again.
            return ImageVersion.parse(tag);
        }
        String tag = prior.getImageTag();
        if (tag == null || tag.isBlank()) {
            throw invalid(
                    service,
                    "has no prior.imageTag to deploy; the build step must run (and report"
                            + " image.pushed) before the deploy step");
        }
        return ImageVersion.of(tag, prior.getImageDigest());
    }

    private static TagLocation location(String service, GitOpsSpec gitops) {
        String key = gitops.getKeyPath();
        boolean keyGiven = key != null && !key.isBlank();
        return switch (gitops.getLayout()) {
            case HELM_VALUES -> new TagLocation.HelmValue(KeyPath.parse(keyGiven ? key : "image.tag"));
            case KUSTOMIZE -> new TagLocation.KustomizeImage(keyGiven ? key : service);
            case PLAIN_MANIFEST -> new TagLocation.ContainerImage(keyGiven ? key : service);
            case UNKNOWN ->
                throw invalid(service, "has gitops.layout UNKNOWN; use HELM_VALUES, KUSTOMIZE or PLAIN_MANIFEST");
        };
    }

    private static ClusterTracking tracking(
            String service, String environment, GitOpsSpec gitops, String argocdNamespace) {
        if (gitops.getSyncTimeoutSeconds() < 1) {
            throw invalid(
                    service,
                    "has gitops.syncTimeoutSeconds " + gitops.getSyncTimeoutSeconds()
                            + "; give a positive number of seconds");
        }
        var timeout = Duration.ofSeconds(gitops.getSyncTimeoutSeconds());
        String application = Optional.ofNullable(gitops.getApplication())
                .filter(a -> !a.isBlank())
                .orElse(null);
        return switch (gitops.getMode()) {
            case ARGO_CD ->
                new ClusterTracking.ArgoCd(
                        argocdNamespace, application == null ? service + "-" + environment : application, timeout);
            case DIRECT_KUBERNETES ->
                new ClusterTracking.Direct(
                        Optional.ofNullable(gitops.getNamespace())
                                .filter(n -> !n.isBlank())
                                .orElse("default"),
                        application == null ? service : application,
                        service,
                        timeout);
            case GITOPS_ONLY -> new ClusterTracking.GitOpsOnly();
            case UNKNOWN ->
                throw invalid(service, "has gitops.mode UNKNOWN; use ARGO_CD, DIRECT_KUBERNETES or GITOPS_ONLY");
        };
    }

    private static StepFailure invalid(String service, String problem) {
        return StepFailure.invalid("service " + service + " " + problem);
    }
}
