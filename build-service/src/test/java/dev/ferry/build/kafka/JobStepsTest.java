package dev.ferry.build.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.domain.BuildContext;
import dev.ferry.build.domain.SourceCheckouts;
import dev.ferry.build.domain.job.JobEnd;
import dev.ferry.build.domain.job.JobOutput;
import dev.ferry.build.domain.job.JobRunner;
import dev.ferry.build.domain.job.JobSpec;
import dev.ferry.build.domain.job.JobWorkflow;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.runtime.StepHeartbeats;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * A {@code phase.started} delivered again while its job runs starts no second job and gets no second answer; the
 * job's lines go out as {@code step.progress} while it runs. The runner here is the test's, since what is checked is
 * build-service's bookkeeping around any runner (BuildahJobRunnerIT runs real jobs).
 */
class JobStepsTest {

    private final List<SpecificRecord> published = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger started = new AtomicInteger();

    @Test
    void aRedeliveredPhaseStartedFindsTheRunningJobOrItsAnswerAndStartsNoOther() throws Exception {
        JobRunner runner = new JobRunner() {
            @Override
            public String place() {
                return "local";
            }

            @Override
            public JobEnd run(JobSpec job, JobOutput output) {
                started.incrementAndGet();
                output.line("collected 2 items");
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                output.line("2 passed");
                return JobEnd.exited(0, Duration.ofSeconds(1));
            }
        };
        SourceCheckouts checkouts = new SourceCheckouts() {
            @Override
            public <T> T withCheckout(
                    String repository, String commit, String credentialRef, Function<BuildContext, T> build) {
                return build.apply(new BuildContext(Path.of("."), commit, List.of()));
            }
        };
        var workflow = new JobWorkflow(
                checkouts, List.of(runner), (name, text) -> "http://build.test/jobs/" + name + "/log", 1024);
        var publisher = (EventPublisher) event -> {
            published.add(event);
            return CompletableFuture.completedFuture(null);
        };
        var events = new BuildEvents(MetadataFactory.forProducer("build-service", Clock.systemUTC()));
        try (var heartbeats = new StepHeartbeats(
                        publisher,
                        MetadataFactory.forProducer("build-service", Clock.systemUTC()),
                        Duration.ofMinutes(1));
                var jobs = new JobSteps(workflow, publisher, events, heartbeats, ref -> Optional.empty(), 2)) {
            PhaseStarted phase = phase();

            jobs.start(phase);
            eventually(() -> started.get() == 1);
            jobs.start(phase);
            release.countDown();

            eventually(() -> published.stream().anyMatch(StepSucceeded.class::isInstance));
            jobs.start(phase);
            Thread.sleep(200);
            assertThat(started).as("delivered again after it was answered").hasValue(1);
            assertThat(published.stream().filter(StepSucceeded.class::isInstance))
                    .hasSize(1);
            assertThat(published.stream()
                            .filter(StepProgress.class::isInstance)
                            .map(StepProgress.class::cast)
                            .filter(progress -> progress.getUnit().equals("lines"))
                            .map(StepProgress::getMessage)
                            .flatMap(String::lines))
                    .containsExactly("collected 2 items", "2 passed");
        }
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static PhaseStarted phase() {
        return PhaseStarted.newBuilder()
                .setMetadata(MetadataFactory.forProducer("planner-service", Clock.systemUTC())
                        .first("m-1"))
                .setPlanName("iot-monorepo")
                .setPhase("backend-tests")
                .setAction(PhaseAction.RUN)
                .setAttempt(1)
                .setServices(List.of(ServiceWork.newBuilder()
                        .setService("backend")
                        .setSource(new SourceSpec("https://git.example.com/iot/platform.git", "main", "backend", null))
                        .setTarget(TargetRepository.newBuilder()
                                .setRepository("https://git.example.com/iot/backend.git")
                                .build())
                        .setPrior(PriorResults.newBuilder()
                                .setSplitCommit("4444444444444444444444444444444444444444")
                                .setOutputs(Map.of())
                                .build())
                        .build()))
                .setSettings(Map.of("image", "busybox:1", "command.1", "pytest"))
                .build();
    }
}
