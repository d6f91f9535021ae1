package dev.ferry.planner.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.HealthStatus;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.SyncStatus;
import dev.ferry.planner.domain.run.RunInput;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerReportsTest {

    @Test
    void anImagePushedIsABuildStepsResultNamingTheBuilderThatMadeIt() {
        var pushed = ImagePushed.newBuilder()
                .setMetadata(MetadataFactory.forProducer("build-service", Clock.systemUTC())
                        .first("m-1"))
                .setPhase("build")
                .setService("api")
                .setImageReference("registry.example.com/acme@sha256:1")
                .setDigest("sha256:1")
                .setTags(List.of("api-abc", "api-latest"))
                .setBuilder("buildah")
                .setSizeBytes(1)
                .setLayersUploaded(1)
                .setLayersReused(0)
                .setBytesUploaded(1)
                .setDurationMillis(1)
                .build();

        var input = (RunInput.StepSucceeded) WorkerReports.input(pushed).orElseThrow();

        assertThat(input.result().outputs())
                .containsEntry("imageTag", "api-abc")
                .containsEntry("imageDigest", "sha256:1")
                .containsEntry("builder", "buildah");
    }

    @Test
    void aDeploySyncedIsADeployStepsResultWithTheTagAndDigestTheEnvironmentVerified() {
        var synced = DeploySynced.newBuilder()
                .setMetadata(MetadataFactory.forProducer("deploy-service", Clock.systemUTC())
                        .first("m-1"))
                .setPhase("deploy-dev")
                .setService("api")
                .setAttempt(1)
                .setEnvironment("dev")
                .setImageTag("api-abc")
                .setImageDigest("sha256:1")
                .setGitopsCommit("c1")
                .setSyncStatus(SyncStatus.SYNCED)
                .setHealth(HealthStatus.HEALTHY)
                .setDurationMillis(1)
                .build();

        var input = (RunInput.StepSucceeded) WorkerReports.input(synced).orElseThrow();

        assertThat(input.result().outputs())
                .containsEntry("environment", "dev")
                .containsEntry("imageTag", "api-abc")
                .containsEntry("imageDigest", "sha256:1");
    }

    @Test
    void aFailedJobsErrorEndsWithWhereItsWholeOutputIs() {
        var failed = StepFailed.newBuilder()
                .setMetadata(MetadataFactory.forProducer("build-service", Clock.systemUTC())
                        .first("m-1"))
                .setPhase("backend-tests")
                .setService("backend")
                .setAction(PhaseAction.RUN)
                .setAttempt(1)
                .setErrorKind(ErrorKind.INVALID_INPUT)
                .setReason("job ferry-backend-tests exited with code 1; its last lines:\n1 failed, 2 passed")
                .setRetryable(false)
                .setDetailsUrl("http://build:8080/jobs/ferry-backend-tests/log")
                .build();

        var input = (RunInput.StepFailed) WorkerReports.input(failed).orElseThrow();

        assertThat(input.reason())
                .isEqualTo("INVALID_INPUT: job ferry-backend-tests exited with code 1; its last lines:\n1 failed, 2"
                        + " passed\n(details: http://build:8080/jobs/ferry-backend-tests/log)");
    }

    @Test
    void aCredentialInAWorkersReasonNeverReachesTheRun() {
        var failed = StepFailed.newBuilder()
                .setMetadata(MetadataFactory.forProducer("repo-service", Clock.systemUTC())
                        .first("m-1"))
                .setPhase("split")
                .setService("api")
                .setAction(PhaseAction.SPLIT)
                .setAttempt(2)
                .setErrorKind(ErrorKind.AUTHENTICATION)
                .setReason("push to https://x-access-token:ghs_secret42@github.com/acme/api.git refused")
                .setRetryable(false)
                .build();

        var input = (RunInput.StepFailed) WorkerReports.input(failed).orElseThrow();

        assertThat(input.reason())
                .isEqualTo("AUTHENTICATION: push to https://***@github.com/acme/api.git refused")
                .doesNotContain("ghs_secret42");
        assertThat(input.attempt()).isEqualTo(2);
    }
}
