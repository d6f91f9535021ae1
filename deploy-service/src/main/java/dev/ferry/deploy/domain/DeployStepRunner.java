package dev.ferry.deploy.domain;

import dev.ferry.deploy.domain.check.SmokeChecks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Runs one deploy or rollback step as three named stages: write the version to the GitOps branch (batched with every
 * other step on that branch), follow the cluster as the plan's mode says, and measure the whole. A rollback is the same
 * step with the prior tag: a new commit on top of the history, never a rewrite of it.
 */
public final class DeployStepRunner {

    private final WriteBacks writeBacks;
    private final Clusters clusters;
    private final Function<ArgoCdApplications, ArgoSyncWatcher> watchers;
    private final Function<DeploymentRollouts, RolloutWatcher> rollouts;
    private final SmokeChecks checks;
    private final Clock clock;

    /**
     * @param clusters each environment's cluster, whose Argo CD the step follows
     * @param watchers makes the watcher that follows one cluster's Applications
     * @param rollouts makes the watcher that rolls out one cluster's Deployments (direct mode)
     */
    public DeployStepRunner(
            WriteBacks writeBacks,
            Clusters clusters,
            Function<ArgoCdApplications, ArgoSyncWatcher> watchers,
            Function<DeploymentRollouts, RolloutWatcher> rollouts,
            SmokeChecks checks,
            Clock clock) {
        this.checks = checks;
        this.writeBacks = writeBacks;
        this.clusters = clusters;
        this.watchers = watchers;
        this.rollouts = rollouts;
        this.clock = clock;
    }

    /**
     * Writes, follows, checks; when that fails and the plan asked for it, restores the environment's previous tag
     * the way a rollback step does and says how long that took.
     *
     * @throws StepFailure with the reason the step failed (and what the rollback did)
     */
    public DeployResult run(DeployRequest request) {
        Instant started = clock.instant();
        GitOpsWriteBack writeBack = writeBacks.forTarget(request.target());
        WriteOutcome written;
        try {
            written = write(writeBack, request.change());
        } catch (StepFailure failure) {
            throw rollBackIfAsked(request, Optional.empty(), failure);
        }
        try {
            return followAndCheck(request, writeBack, written, started);
        } catch (StepFailure failure) {
            throw rollBackIfAsked(request, written.previous(), failure);
        }
    }

    /** The failure, after the rollback the request asks for when there is a tag to restore. */
    private StepFailure rollBackIfAsked(DeployRequest request, Optional<String> beforeWrite, StepFailure failure) {
        if (request.change().rollback()) {
            return failure;
        }
        return request.rollbackTo()
                .flatMap(target -> switch (target) {
                    case RollbackTarget.Tag tag -> Optional.of(tag.tag());
                    case RollbackTarget.BeforeWrite before -> beforeWrite;
                })
                .map(tag -> rollBack(request, tag, failure))
                .orElse(failure);
    }

    private DeployResult deploy(DeployRequest request) {
        Instant started = clock.instant();
        GitOpsWriteBack writeBack = writeBacks.forTarget(request.target());
        return followAndCheck(request, writeBack, write(writeBack, request.change()), started);
    }

    private DeployResult followAndCheck(
            DeployRequest request, GitOpsWriteBack writeBack, WriteOutcome written, Instant started) {
        SyncReport sync = follow(request, written, writeBack);
        if (!request.checks().isEmpty() && !request.change().rollback()) {
            var outcomes = checks.run(
                    request.checks(),
                    request.change().service(),
                    request.change().environment(),
                    request.checkDeadline());
            sync = sync.withNote("smoke checks passed: "
                    + String.join("; ", outcomes.stream().map(Object::toString).toList()));
        }
        return new DeployResult(written, sync, Duration.between(started, clock.instant()));
    }

    /** The failure, with the rollback's outcome and duration added: the step still failed. */
    private StepFailure rollBack(DeployRequest request, String tag, StepFailure failure) {
        Instant started = clock.instant();
        String environment = request.change().environment();
        try {
            DeployResult back = deploy(request.rolledBackTo(tag));
            Duration took = Duration.between(started, clock.instant());
            return new RolledBackFailure(
                    failure.kind(),
                    failure.getMessage() + "; rolled back to " + tag + " in " + environment + " in " + took.toMillis()
                            + " ms (commit " + back.written().revision() + ")",
                    took,
                    failure);
        } catch (StepFailure rollbackFailure) {
            return new StepFailure(
                    failure.kind(),
                    false,
                    failure.getMessage() + "; the rollback to " + tag + " in " + environment + " failed too after "
                            + Duration.between(started, clock.instant()).toMillis() + " ms: "
                            + rollbackFailure.getMessage(),
                    failure);
        }
    }

    private static WriteOutcome write(GitOpsWriteBack writeBack, TagChange change) {
        try {
            return writeBack.submit(change).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StepFailure failure) {
                throw failure;
            }
            throw e;
        }
    }

    private SyncReport follow(DeployRequest request, WriteOutcome written, GitOpsWriteBack writeBack) {
        var version = request.change().version();
        return switch (request.tracking()) {
            case ClusterTracking.GitOpsOnly none -> SyncReport.notTracked(gitOpsOnly(request, written));
            case ClusterTracking.ArgoCd app -> {
                ArgoCdApplications applications =
                        clusters.applications(request.change().environment());
                ensureApplication(applications, app, request.change(), writeBack);
                yield watchers.apply(applications)
                        .await(
                                app.namespace(),
                                app.application(),
                                written.revision(),
                                app.timeout(),
                                writeBack::contains);
            }
            case ClusterTracking.Direct direct ->
                rollouts.apply(clusters.deployments(request.change().environment()))
                        .rollOut(
                                direct.namespace(), direct.deployment(), direct.container(), version, direct.timeout());
        };
    }

    /**
     * A service's first deploy to an environment finds no Application to follow when nobody created it in the
     * cluster yet: the bootstrap's Application file, as the GitOps branch now holds it, is applied first.
     */
    private static void ensureApplication(
            ArgoCdApplications applications, ClusterTracking.ArgoCd app, TagChange change, GitOpsWriteBack writeBack) {
        if (applications.read(app.namespace(), app.application()).isPresent()) {
            return;
        }
        String suffix = "/application-" + change.environment() + ".yaml";
        change.createIfMissing().keySet().stream()
                .filter(file -> file.endsWith(suffix))
                .findFirst()
                .flatMap(writeBack::read)
                .ifPresent(manifest -> applications.apply(app.namespace(), manifest));
    }

    private static String gitOpsOnly(DeployRequest request, WriteOutcome written) {
        String what =
                switch (written) {
                    case WriteOutcome.Committed c -> "committed " + c.commit();
                    case WriteOutcome.FoundEarlier f -> "committed " + f.commit() + " (on an earlier delivery)";
                    case WriteOutcome.AlreadyCurrent a ->
                        "found the tag already in place at " + a.head() + ", no commit made";
                };
        return "Ferry " + what + " to " + request.target().repository() + " ("
                + request.target().branch() + ", "
                + request.change().file() + "). Mode GITOPS_ONLY: no cluster is configured, so nothing was synced or"
                + " checked; whatever watches the repository deploys it.";
    }
}
