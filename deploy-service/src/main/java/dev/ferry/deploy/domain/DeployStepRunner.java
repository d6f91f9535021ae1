package dev.ferry.deploy.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;

/**
 * Runs one deploy or rollback step as three named stages: write the version to the GitOps branch (batched with every
 * other step on that branch), follow the cluster as the plan's mode says, and measure the whole. A rollback is the same
 * step with the prior tag: a new commit on top of the history, never a rewrite of it.
 */
public final class DeployStepRunner {

    private final WriteBacks writeBacks;
    private final ArgoSyncWatcher argo;
    private final RolloutWatcher rollouts;
    private final Clock clock;

    public DeployStepRunner(WriteBacks writeBacks, ArgoSyncWatcher argo, RolloutWatcher rollouts, Clock clock) {
        this.writeBacks = writeBacks;
        this.argo = argo;
        this.rollouts = rollouts;
        this.clock = clock;
    }

    /** @throws StepFailure with the reason the step failed */
    public DeployResult run(DeployRequest request) {
        Instant started = clock.instant();
        GitOpsWriteBack writeBack = writeBacks.forTarget(request.target());
        WriteOutcome written = write(writeBack, request.change());
        SyncReport sync = follow(request, written, writeBack);
        return new DeployResult(written, sync, Duration.between(started, clock.instant()));
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
            case ClusterTracking.ArgoCd app ->
                argo.await(app.namespace(), app.application(), written.revision(), app.timeout(), writeBack::contains);
            case ClusterTracking.Direct direct ->
                rollouts.rollOut(
                        direct.namespace(), direct.deployment(), direct.container(), version, direct.timeout());
        };
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
