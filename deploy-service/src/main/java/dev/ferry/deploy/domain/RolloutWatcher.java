package dev.ferry.deploy.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Direct mode: patches a Deployment's image and follows the rollout until every replica is updated and available.
 * Stops early when the new pods cannot start (crash loop, image pull failure, progress deadline exceeded) and, at the
 * plan's timeout, reports the pods' own reasons, failing probes among them.
 */
public final class RolloutWatcher {

    private final DeploymentRollouts deployments;
    private final Clock clock;
    private final Pause pause;
    private final Duration pollInterval;

    public RolloutWatcher(DeploymentRollouts deployments, Clock clock, Pause pause, Duration pollInterval) {
        this.deployments = deployments;
        this.clock = clock;
        this.pause = pause;
        this.pollInterval = pollInterval;
    }

    public SyncReport rollOut(
            String namespace, String deployment, String container, ImageVersion version, Duration timeout) {
        String target = namespace + "/" + deployment;
        Instant deadline = clock.instant().plus(timeout);
        deployments.setImage(namespace, deployment, container, version);
        while (true) {
            RolloutState state = deployments.read(namespace, deployment, version);
            if (state.complete()) {
                return new SyncReport(
                        Optional.of(target),
                        SyncReport.Sync.SYNCED,
                        SyncReport.Health.HEALTHY,
                        Optional.empty(),
                        Optional.of("deployment " + target + " rolled out " + version.tag() + ": " + state.describe()));
            }
            if (state.fatal()) {
                throw new StepFailure(
                        StepFailure.Kind.CONFLICT,
                        false,
                        "deployment " + target + " cannot roll out " + version.tag() + ": " + state.describe()
                                + ". Roll back or fix the image");
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new StepFailure(
                        StepFailure.Kind.TIMEOUT,
                        true,
                        "deployment " + target + " did not finish rolling out " + version.tag() + " within "
                                + timeout.toSeconds() + " s (gitops.syncTimeoutSeconds): " + state.describe());
            }
            try {
                pause.pause(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailure(StepFailure.Kind.INTERNAL, true, "interrupted while waiting for " + target, e);
            }
        }
    }
}
