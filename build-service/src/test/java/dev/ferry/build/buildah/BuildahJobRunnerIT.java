package dev.ferry.build.buildah;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.job.JobPlace;
import dev.ferry.build.domain.job.JobRequest;
import dev.ferry.build.domain.job.JobSpec;
import dev.ferry.build.domain.job.JobWorkflow;
import dev.ferry.build.jgit.JGitSourceCheckouts;
import dev.ferry.build.testing.BusyboxBase;
import dev.ferry.build.testing.ServiceRepository;
import dev.ferry.build.web.JobLogFiles;
import dev.ferry.testsupport.OciTestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs run on this machine by Debian's buildah in a busybox image pulled from a real registry, with the service's
 * files checked out of a real git repository into the job's working directory: what a person checks is the exit code,
 * what the job printed, that the files were there, that a credential never shows, and that a job that never ends is
 * stopped at its deadline.
 */
class BuildahJobRunnerIT {

    private static final String SECRET = "pg-password-7f3a";

    private static OciTestRegistry registry;
    private static String busybox;

    @TempDir
    static Path storage;

    @TempDir
    Path temp;

    private final List<String> watched = new CopyOnWriteArrayList<>();
    private ServiceRepository repository;
    private String commit;

    @BeforeAll
    static void pushBusybox() {
        OciTestRegistry.assumeInstalled();
        registry = OciTestRegistry.shared();
        busybox = BusyboxBase.pushedTo(registry.host());
    }

    @BeforeEach
    void serviceRepository() {
        repository = ServiceRepository.create(temp.resolve("repo"))
                .file("backend/tests/test_health.txt", "health ok\n")
                .file("README.md", "the platform\n");
        commit = repository.commit("the platform");
    }

    @Test
    void runsTheCommandInTheServicesFilesAndKeepsItsOutputWithTheCredentialMasked() throws Exception {
        JobRequest request = request(
                "echo tests: $(cat tests/test_health.txt); echo db=$DATABASE_URL level=$LOG_LEVEL; pwd; ip -o link | cut -d: -f2 | tr -d ' '",
                Duration.ofMinutes(2),
                new JobPlace.Local(false));

        Map<String, String> outputs = workflow(1024 * 1024).run(request, watched::add);

        assertThat(outputs)
                .containsEntry("exitCode", "0")
                .containsEntry("ranOn", "local")
                .containsEntry("imageRan", busybox)
                .containsEntry("jobName", request.spec().name());
        assertThat(outputs.get("outputTail"))
                .isEqualTo("tests: health ok\ndb=postgres://iot:***@db/iot level=debug\n/workspace\nlo");
        assertThat(watched)
                .containsExactly("tests: health ok", "db=postgres://iot:***@db/iot level=debug", "/workspace", "lo");
        String logUrl = outputs.get("logUrl");
        assertThat(logUrl).isEqualTo("http://build.test/jobs/" + request.spec().name() + "/log");
        String log =
                Files.readString(temp.resolve("logs").resolve(request.spec().name() + ".log"));
        assertThat(log).contains("db=postgres://iot:***@db/iot").doesNotContain(SECRET);
    }

    @Test
    void aJobThatExitsWithThreeFailsTheStepWithItsLastLines() {
        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow(1024 * 1024)
                .run(
                        request(
                                "echo collecting; echo '1 failed, 4 passed'; exit 3",
                                Duration.ofMinutes(2),
                                new JobPlace.Local(false)),
                        watched::add));

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason())
                .contains("exited with code 3")
                .endsWith("its last lines:\ncollecting\n1 failed, 4 passed");
        assertThat(failure.detailsUrl()).endsWith("/log");
    }

    @Test
    void aJobThatOutlivesItsDeadlineIsStoppedAndFailsAsTimeout() {
        long started = System.nanoTime();

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow(1024 * 1024)
                .run(
                        request("echo started; sleep 300", Duration.ofSeconds(3), new JobPlace.Local(false)),
                        watched::add));

        assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(failure.reason())
                .contains("did not end within PT3S and was stopped")
                .endsWith("started");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void outputThatNeverEndsIsKeptBoundedWithTheOldestLinesDropped() throws Exception {
        JobRequest request = request("seq 1 20000", Duration.ofMinutes(2), new JobPlace.Local(false));

        Map<String, String> outputs = workflow(10_000).run(request, line -> {});

        String log =
                Files.readString(temp.resolve("logs").resolve(request.spec().name() + ".log"));
        List<String> lines = log.lines().toList();
        assertThat(lines.getFirst())
                .matches("\\[\\d+ earlier lines of \\d+ dropped: Ferry keeps the last 10000 bytes of a"
                        + " job's output]");
        assertThat(log.length()).isLessThan(11_000);
        // The newest lines are the ones kept: consecutive numbers up to the last one the job printed.
        List<Integer> kept =
                lines.subList(1, lines.size()).stream().map(Integer::valueOf).toList();
        assertThat(kept).hasSizeGreaterThan(1000);
        for (int i = 1; i < kept.size(); i++) {
            assertThat(kept.get(i)).isEqualTo(kept.get(i - 1) + 1);
        }
        assertThat(outputs.get("outputTail"))
                .isEqualTo(String.join("\n", lines.subList(lines.size() - 20, lines.size())));
    }

    @Test
    void anImageThatDoesNotExistIsNotFoundNamingIt() {
        String missing = registry.host() + "/nobody/nothing:1";
        JobSpec spec = request("true", Duration.ofMinutes(1), new JobPlace.Local(false))
                .spec();
        var job = new JobSpec(
                spec.name(),
                spec.service(),
                missing,
                spec.command(),
                spec.environment(),
                spec.secrets(),
                Optional.empty(),
                spec.workingDirectory(),
                spec.deadline(),
                spec.place());

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow(1024)
                .run(new JobRequest(job, Optional.empty(), Optional.empty()), watched::add));

        assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure.reason()).contains("image " + missing + " is not in its registry");
    }

    @Test
    void outputThatDoesNotMatchWhatThePlanExpectsFailsTheStep() {
        JobRequest plain = request("echo '0 passed'", Duration.ofMinutes(1), new JobPlace.Local(false));
        var request = new JobRequest(plain.spec(), plain.files(), Optional.of(Pattern.compile("[1-9]\\d* passed")));

        BuildFailure failure = catchThrowableOfType(
                BuildFailure.class, () -> workflow(1024 * 1024).run(request, watched::add));

        assertThat(failure.reason()).contains("exited with code 0, but its output does not match /[1-9]\\d* passed/");
    }

    private JobWorkflow workflow(long maxLogBytes) {
        var runner = new BuildahJobRunner(
                Path.of("/usr/bin/buildah"),
                storage,
                Set.of(registry.host()),
                Duration.ofMinutes(5),
                host -> Optional.empty());
        return new JobWorkflow(
                new JGitSourceCheckouts(temp.resolve("checkouts")),
                List.of(runner),
                new JobLogFiles(temp.resolve("logs"), () -> "http://build.test"),
                maxLogBytes);
    }

    private JobRequest request(String shell, Duration deadline, JobPlace place) {
        var spec = new JobSpec(
                "ferry-checks-backend-" + Integer.toHexString(shell.hashCode()) + "-a1",
                "backend",
                busybox,
                List.of("/bin/sh", "-c", shell),
                Map.of("DATABASE_URL", "postgres://iot:" + SECRET + "@db/iot", "LOG_LEVEL", "debug"),
                Set.of(SECRET),
                Optional.empty(),
                "/workspace",
                deadline,
                place);
        return new JobRequest(
                spec,
                Optional.of(new JobRequest.ServiceFiles(repository.location(), commit, "backend", null)),
                Optional.empty());
    }
}
