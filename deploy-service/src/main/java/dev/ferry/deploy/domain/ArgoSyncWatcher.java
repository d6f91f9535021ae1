package dev.ferry.deploy.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Follows an Argo CD application until it runs a GitOps commit: Synced at a revision that contains the commit, and
 * Healthy. Requests a sync when the application has no automated sync policy. Stops early on what will not heal by
 * waiting (a failed sync operation, Degraded health at the new revision) and, at the plan's timeout, reports what the
 * application was still doing (OutOfSync, Missing, Progressing) in the application's own words.
 */
public final class ArgoSyncWatcher {

    private final ArgoCdApplications applications;
    private final Clock clock;
    private final Pause pause;
    private final Duration pollInterval;

    public ArgoSyncWatcher(ArgoCdApplications applications, Clock clock, Pause pause, Duration pollInterval) {
        this.applications = applications;
        this.clock = clock;
        this.pause = pause;
        this.pollInterval = pollInterval;
    }

    /**
     * @param contains whether a revision (first argument) contains a commit (second), answered by the GitOps repository
     */
    public SyncReport await(
            String namespace,
            String application,
            String commit,
            Duration timeout,
            BiPredicate<String, String> contains) {
        Instant deadline = clock.instant().plus(timeout);
        boolean syncRequested = false;
        ArgoApplicationState state = read(namespace, application);
        while (true) {
            boolean atCommit =
                    state.syncRevision().filter(r -> contains.test(r, commit)).isPresent();
            if (atCommit && state.syncStatus().equals("Synced")) {
                Optional<SyncReport> done = settled(application, state);
                if (done.isPresent()) {
                    return done.get();
                }
            }
            boolean operationAtCommit = state.operationRevision()
                    .filter(r -> contains.test(r, commit))
                    .isPresent();
            if (operationAtCommit && state.operationFailed() && !state.operationPending()) {
                throw new StepFailure(
                        StepFailure.Kind.CONFLICT,
                        true,
                        "Argo CD could not sync " + application + " to " + ArgoApplicationState.shortSha(commit) + ": "
                                + state.describe());
            }
            if (!state.autoSync() && !syncRequested && !atCommit) {
                applications.requestSync(namespace, application, commit);
                syncRequested = true;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw timedOut(application, commit, timeout, state, atCommit);
            }
            sleep();
            state = read(namespace, application);
        }
    }

    /** A final answer once the application is Synced at the commit, or empty while its health may still change. */
    private static Optional<SyncReport> settled(String application, ArgoApplicationState state) {
        return switch (state.healthStatus()) {
            case "Healthy" ->
                Optional.of(new SyncReport(
                        Optional.of(application),
                        SyncReport.Sync.SYNCED,
                        SyncReport.Health.HEALTHY,
                        state.syncRevision(),
                        Optional.empty()));
            case "Degraded" ->
                throw new StepFailure(
                        StepFailure.Kind.CONFLICT,
                        false,
                        "Argo CD application " + application + " is Degraded after syncing: " + state.describe()
                                + ". Roll back or fix the workload");
            default -> Optional.empty();
        };
    }

    private static StepFailure timedOut(
            String application, String commit, Duration timeout, ArgoApplicationState state, boolean atCommit) {
        String what;
        if (!atCommit) {
            what = state.syncStatus().equals("OutOfSync")
                    ? "is still OutOfSync"
                    : "has not reached commit " + ArgoApplicationState.shortSha(commit);
        } else if (state.healthStatus().equals("Missing")) {
            what = "is Synced but its resources are Missing";
        } else if (state.healthStatus().equals("Progressing")) {
            what = "has been Progressing too long";
        } else {
            what = "is Synced but not Healthy";
        }
        return new StepFailure(
                StepFailure.Kind.TIMEOUT,
                true,
                "Argo CD application " + application + " " + what + " after " + timeout.toSeconds()
                        + " s (gitops.syncTimeoutSeconds): " + state.describe());
    }

    private ArgoApplicationState read(String namespace, String application) {
        return applications
                .read(namespace, application)
                .orElseThrow(() -> new StepFailure(
                        StepFailure.Kind.NOT_FOUND,
                        false,
                        "Argo CD application " + application + " does not exist in namespace " + namespace
                                + "; create it (bootstrap) or fix the plan's gitops.application"));
    }

    private void sleep() {
        try {
            pause.pause(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure(StepFailure.Kind.INTERNAL, true, "interrupted while waiting for Argo CD", e);
        }
    }
}
