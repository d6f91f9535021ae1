package dev.ferry.contracts;

import dev.ferry.contracts.avro.AbortMigration;
import dev.ferry.contracts.avro.Actor;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.CommandRejected;
import dev.ferry.contracts.avro.DeployMode;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.EventMetadata;
import dev.ferry.contracts.avro.GitOpsLayout;
import dev.ferry.contracts.avro.GitOpsSpec;
import dev.ferry.contracts.avro.GithubWebhook;
import dev.ferry.contracts.avro.HealthStatus;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.ImageSpec;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PauseMigration;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseCompleted;
import dev.ferry.contracts.avro.PhaseOutcome;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.ResumeMigration;
import dev.ferry.contracts.avro.RetryFailedSteps;
import dev.ferry.contracts.avro.RollbackService;
import dev.ferry.contracts.avro.RollbackTiming;
import dev.ferry.contracts.avro.ServiceSummary;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceArchived;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.StartMigration;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.contracts.avro.SyncStatus;
import dev.ferry.contracts.avro.TargetRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One fully populated record of every command and event type, as seed 000's FitSync migration would produce them:
 * every optional field set, so a round trip that loses any field shows.
 */
public final class SampleRecords {

    static final String MIGRATION = "fitsync-2025-12-08";
    private static final MetadataFactory PLANNER = MetadataFactory.forProducer(
            "planner-service", Clock.fixed(Instant.parse("2025-12-08T09:30:00.123Z"), ZoneOffset.UTC));

    private SampleRecords() {}

    /** Every command variant and every event type, keyed by a readable label. */
    public static Map<String, SpecificRecord> all() {
        var start = command(StartMigration.newBuilder()
                .setPlanName("fitsync-multi-repo")
                .setPlanDocument("apiVersion: ferry.dev/v1\nkind: MigrationPlan\n")
                .setParameters(Map.of("sourceCommit", "4f2a9c1"))
                .build());
        var metadata = PLANNER.causedBy(start.getMetadata());
        var records = new java.util.LinkedHashMap<String, SpecificRecord>();
        records.put("start", start);
        records.put("approve", command(new ApprovePhase("deploy-prod", "prod", null)));
        records.put("pause", command(new PauseMigration()));
        records.put("resume", command(new ResumeMigration()));
        records.put("abort", command(new AbortMigration()));
        records.put("retry", command(new RetryFailedSteps("build", List.of("user-service", "frontend"))));
        records.put("rollback", command(new RollbackService("user-service", "prod", "user-service-4f2a9c1")));
        records.put("phase.started", phaseStarted(metadata));
        records.put(
                "repo.split",
                new RepoSplit(
                        metadata,
                        "split",
                        "user-service",
                        1,
                        "git@github.com:fitsync/fitsync.git",
                        "9b1c0de",
                        "https://github.com/fitsync/fitsync-user-service.git",
                        "77aa0f3",
                        2981L,
                        412L,
                        3,
                        1840L));
        records.put(
                "repo.archived",
                new SourceArchived(
                        metadata,
                        "cutover",
                        "user-service",
                        1,
                        "https://github.com/fitsync/fitsync.git",
                        "main",
                        "5e6f7a8",
                        true,
                        920L));
        records.put(
                "image.pushed",
                new ImagePushed(
                        metadata,
                        "build",
                        "user-service",
                        1,
                        "123456789012.dkr.ecr.us-east-2.amazonaws.com/fitsync-ecr@sha256:" + "ab".repeat(32),
                        "sha256:" + "ab".repeat(32),
                        List.of("user-service-77aa0f3", "user-service-latest"),
                        "77aa0f3",
                        58_000_000L,
                        2,
                        5,
                        1_204_331L,
                        9_250L,
                        "buildah"));
        records.put(
                "deploy.synced",
                new DeploySynced(
                        metadata,
                        "deploy-dev",
                        "user-service",
                        1,
                        "dev",
                        "user-service-77aa0f3",
                        "https://github.com/fitsync/fitsync-gitops.git",
                        "c0ffee1",
                        "user-service-dev",
                        "c0ffee1",
                        SyncStatus.SYNCED,
                        HealthStatus.HEALTHY,
                        true,
                        "rolled back after failed probes",
                        95_000L,
                        null));
        records.put(
                "step.failed",
                new StepFailed(
                        metadata,
                        "build",
                        "frontend",
                        PhaseAction.BUILD,
                        2,
                        ErrorKind.UNSUPPORTED,
                        "Dockerfile:7 RUN npm ci needs a container runtime; use the github-actions builder",
                        false,
                        "https://github.com/fitsync/fitsync-frontend/actions/runs/42",
                        null));
        records.put(
                "step.succeeded",
                new StepSucceeded(
                        metadata,
                        "monitor-48h",
                        "auth-service",
                        PhaseAction.WAIT,
                        1,
                        Map.of("waitedUntil", "2026-12-06T10:00:00Z"),
                        172_800_000L));
        records.put(
                "step.progress",
                new StepProgress(
                        metadata,
                        "split",
                        "user-service",
                        PhaseAction.SPLIT,
                        "commits",
                        1500L,
                        2981L,
                        50.3,
                        "walking history"));
        records.put(
                "phase.completed",
                new PhaseCompleted(
                        metadata,
                        "deploy-dev",
                        PhaseAction.DEPLOY,
                        "dev",
                        PhaseOutcome.PARTIALLY_FAILED,
                        List.of("user-service", "api-gateway"),
                        List.of("frontend"),
                        120_000L,
                        null));
        records.put(
                "migration.finished",
                new MigrationFinished(
                        metadata,
                        "fitsync-multi-repo",
                        MigrationOutcome.SUCCEEDED,
                        List.of(new ServiceSummary(
                                "user-service", 3_600_000L, 3, 3, List.of(new RollbackTiming("prod", 95_000L)))),
                        0.95,
                        7_200_000L));
        records.put(
                "command.rejected",
                new CommandRejected(
                        metadata,
                        start.getMetadata().getEventId(),
                        "ApprovePhase",
                        new Actor("alice", "cli"),
                        "phase deploy-prod is not waiting for approval",
                        "RUNNING"));
        records.put(
                "github.webhooks",
                new GithubWebhook(
                        metadata,
                        "workflow_run",
                        "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                        "fitsync/fitsync-user-service",
                        "refs/heads/main",
                        "77aa0f3",
                        "completed",
                        "{\"action\":\"completed\",\"workflow_run\":{\"conclusion\":\"success\"}}"));
        return records;
    }

    private static MigrationCommand command(Object payload) {
        EventMetadata metadata = PLANNER.first(MIGRATION);
        return new MigrationCommand(metadata, new Actor("alice", "cli"), "scheduled window 2025-12-08", null, payload);
    }

    private static PhaseStarted phaseStarted(EventMetadata metadata) {
        var work = ServiceWork.newBuilder()
                .setService("user-service")
                .setSource(new SourceSpec(
                        "git@github.com:fitsync/fitsync.git", "main", "services/user-service", "9b1c0de"))
                .setTarget(new TargetRepository(
                        "https://github.com/fitsync/fitsync-user-service.git",
                        "main",
                        "private",
                        false,
                        true,
                        "github-token"))
                .setImage(new ImageSpec(
                        "123456789012.dkr.ecr.us-east-2.amazonaws.com",
                        "fitsync-ecr",
                        "{service}-{sha}",
                        List.of("{service}-{env}", "{service}-latest"),
                        "jib",
                        "Dockerfile",
                        "build-push.yml",
                        "ecr"))
                .setGitops(new GitOpsSpec(
                        "https://github.com/fitsync/fitsync-gitops.git",
                        "main",
                        GitOpsLayout.HELM_VALUES,
                        "environments/dev/user-service/values.yaml",
                        "image.tag",
                        DeployMode.ARGO_CD,
                        "user-service-dev",
                        "fitsync",
                        600,
                        "gitops-token"))
                .setPrior(new PriorResults(
                        "77aa0f3",
                        "123456789012.dkr.ecr.us-east-2.amazonaws.com/fitsync-ecr:x",
                        "sha256:" + "ab".repeat(32),
                        "user-service-77aa0f3",
                        "user-service-1a2b3c4",
                        Map.of("splitCommit", "77aa0f3", "imageTag", "user-service-77aa0f3")))
                .setParameters(Map.of("port", "3001"))
                .build();
        return new PhaseStarted(
                metadata,
                "fitsync-multi-repo",
                "deploy-dev",
                PhaseAction.DEPLOY,
                "dev",
                2,
                List.of(work),
                Map.of(),
                1800L,
                "pat (cli)");
    }
}
