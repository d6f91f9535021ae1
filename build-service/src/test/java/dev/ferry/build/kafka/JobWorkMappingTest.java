package dev.ferry.build.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.job.JobPlace;
import dev.ferry.build.domain.job.JobRequest;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.TargetRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run phase's step as build-service reads it: what runs, where, with which files and variables. */
class JobWorkMappingTest {

    private static final String IMAGE = "registry.example.com/iot/backend@sha256:abc";
    private static final String RESTRUCTURED = "3333333333333333333333333333333333333333";

    @Test
    void runsTheImageTheRunBuiltOnTheRestructuredMonorepoWithTheCredentialsValue() {
        var settings = new HashMap<String, String>(Map.of(
                "command.1",
                "pytest",
                "command.2",
                "-q",
                "env.LOG_LEVEL",
                "debug",
                "secretEnv.DATABASE_URL",
                "iot-db"));
        settings.put("expectOutput", "\\d+ passed");

        JobRequest request = JobWorkMapping.request(
                phase(settings, 600L), monorepoService(), reference -> Optional.of("postgres://iot:pw@db/iot"));

        var job = request.spec();
        assertThat(job.image()).isEqualTo(IMAGE);
        assertThat(job.command()).containsExactly("pytest", "-q");
        assertThat(job.environment())
                .containsEntry("LOG_LEVEL", "debug")
                .containsEntry("DATABASE_URL", "postgres://iot:pw@db/iot");
        assertThat(job.secrets()).containsExactly("postgres://iot:pw@db/iot");
        assertThat(job.deadline()).isEqualTo(Duration.ofMinutes(10));
        assertThat(job.workingDirectory()).isEqualTo("/workspace");
        assertThat(job.place()).isEqualTo(new JobPlace.Local(false));
        assertThat(job.name()).startsWith("ferry-backend-tests-backend-").endsWith("-a1");
        assertThat(request.files())
                .contains(new JobRequest.ServiceFiles(
                        "https://git.example.com/iot/platform.git", RESTRUCTURED, "", "github-token"));
        assertThat(request.expectOutput())
                .get()
                .extracting(pattern -> pattern.pattern())
                .isEqualTo("\\d+ passed");
    }

    @Test
    void aVariableWhoseCredentialHasNoValueFailsTheStepNamingBothAndNoValue() {
        BuildFailure failure = catchThrowableOfType(
                BuildFailure.class,
                () -> JobWorkMapping.request(
                        phase(Map.of("secretEnv.DATABASE_URL", "iot-db"), null),
                        monorepoService(),
                        ref -> Optional.empty()));

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason())
                .isEqualTo("service backend variable DATABASE_URL names credential iot-db, which build-service has no"
                        + " value for; set ferry.build.credentials.iot-db.password");
    }

    @Test
    void aJobWithNoImageAndNothingBuiltBeforeItIsRefused() {
        ServiceWork work = monorepoService();
        work.setPrior(PriorResults.newBuilder().setOutputs(Map.of()).build());

        BuildFailure failure = catchThrowableOfType(
                BuildFailure.class, () -> JobWorkMapping.request(phase(Map.of(), null), work, ref -> Optional.empty()));

        assertThat(failure.reason()).contains("has no image to run");
    }

    @Test
    void aWorkflowJobDispatchesInTheServicesOwnRepositoryWithoutCheckingItOut() {
        ServiceWork work = monorepoService();
        work.setTarget(TargetRepository.newBuilder()
                .setRepository("https://github.com/iot/backend.git")
                .setDefaultBranch("main")
                .build());

        JobRequest request = JobWorkMapping.request(
                phase(Map.of("runsOn", "github-actions", "workflow", "it.yml", "inputs.suite", "full"), null),
                work,
                ref -> Optional.empty());

        assertThat(request.spec().place())
                .isEqualTo(new JobPlace.GithubActions(
                        "https://github.com/iot/backend.git", "main", "it.yml", Map.of("suite", "full")));
        assertThat(request.spec().image()).isNull();
        assertThat(request.files()).isEmpty();
        assertThat(request.spec().deadline()).isEqualTo(Duration.ofMinutes(30));
    }

    private static PhaseStarted phase(Map<String, String> settings, Long timeoutSeconds) {
        return PhaseStarted.newBuilder()
                .setMetadata(MetadataFactory.forProducer("planner-service", Clock.systemUTC())
                        .first("m-1"))
                .setPlanName("iot-monorepo")
                .setPhase("backend-tests")
                .setAction(PhaseAction.RUN)
                .setAttempt(1)
                .setServices(List.of())
                .setSettings(Map.copyOf(settings))
                .setTimeoutSeconds(timeoutSeconds)
                .build();
    }

    private static ServiceWork monorepoService() {
        return ServiceWork.newBuilder()
                .setService("backend")
                .setSource(new SourceSpec("https://git.example.com/iot/platform.git", "monorepo", "backend", null))
                .setPrior(PriorResults.newBuilder()
                        .setOutputs(Map.of("imageReference", IMAGE, "restructureCommit", RESTRUCTURED))
                        .build())
                .setParameters(Map.of("sourceCredentialRef", "github-token"))
                .build();
    }
}
