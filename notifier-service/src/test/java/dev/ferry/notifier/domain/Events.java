package dev.ferry.notifier.domain;

import java.time.Instant;
import java.util.List;

/** Builds the notifier's events for one run, each with a fresh event id. */
final class Events {

    private final String migrationId;
    private int next;

    Events(String migrationId) {
        this.migrationId = migrationId;
    }

    EventRef ref() {
        ++next;
        return new EventRef(
                "e" + next, migrationId, Instant.parse("2026-11-22T05:00:00Z").plusSeconds(next));
    }

    MigrationEvent.PhaseStarted phase(String phase, Action action, String env, String... services) {
        return new MigrationEvent.PhaseStarted(ref(), "fitsync", phase, action, env, 1, List.of(services));
    }

    MigrationEvent.RepoSplit split(String service) {
        return new MigrationEvent.RepoSplit(ref(), "split", service, "abc123");
    }

    MigrationEvent.ImagePushed pushed(String service) {
        return new MigrationEvent.ImagePushed(ref(), "build", service, "reg/fitsync-ecr@sha256:1");
    }

    MigrationEvent.DeploySynced synced(String phase, String service, String env, boolean rollback) {
        return new MigrationEvent.DeploySynced(ref(), phase, service, env, service + "-abc123", rollback);
    }

    MigrationEvent.StepFailed failed(String phase, String service, String reason) {
        return new MigrationEvent.StepFailed(ref(), phase, service, Action.BUILD, 2, "UNREACHABLE", reason, true, null);
    }

    MigrationEvent.PhaseCompleted completed(String phase, String env, List<String> ok, List<String> failed) {
        return new MigrationEvent.PhaseCompleted(
                ref(),
                phase,
                Action.BUILD,
                env,
                failed.isEmpty() ? "SUCCEEDED" : "PARTIALLY_FAILED",
                ok,
                failed,
                65_000);
    }

    MigrationEvent.MigrationFinished finished() {
        return new MigrationEvent.MigrationFinished(
                ref(),
                "fitsync",
                "SUCCEEDED",
                List.of(
                        new MigrationEvent.ServiceSummary("user-service", 754_000L, 3, 3, List.of()),
                        new MigrationEvent.ServiceSummary(
                                "api-gateway", 3_723_000L, 4, 3, List.of(new MigrationEvent.Rollback("prod", 42_000))),
                        new MigrationEvent.ServiceSummary("frontend", null, 1, 0, List.of())),
                0.75,
                4_000_000);
    }

    MigrationEvent.CommandRejected rejected() {
        return new MigrationEvent.CommandRejected(
                ref(), "ApprovePhase", "alice (cli)", "phase prod is not waiting for approval", "RUNNING");
    }
}
