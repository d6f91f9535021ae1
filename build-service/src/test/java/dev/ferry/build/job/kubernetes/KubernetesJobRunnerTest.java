package dev.ferry.build.job.kubernetes;

import static dev.ferry.build.job.kubernetes.Kubelet.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.job.JobEnd;
import dev.ferry.build.domain.job.JobPlace;
import dev.ferry.build.domain.job.JobSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesJobRunnerTest {

    private static final String NAME = "ferry-migrate-orders-1a2b3c4d-a1";
    private static final String PASSWORD = "hunter2-s3cret";

    @TempDir
    Path workspace;

    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Set<Thread> outputThreads = ConcurrentHashMap.newKeySet();
    private volatile Thread runnerThread;
    private Kubelet kubelet;
    private KubernetesJobRunner runner;

    @BeforeEach
    void startCluster() {
        kubelet = new Kubelet();
        runner = runner(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopCluster() {
        kubelet.close();
    }

    @Test
    void handsOverTheOutputInOrderAndEndsWithExitCodeZero() throws Exception {
        Seen seen = runToTheEnd(job(Duration.ofMinutes(10)), "upgrading\nrunning 0042_orders\ndone\n", 0);

        assertThat(seen.end().exitCode()).isZero();
        assertThat(seen.end().timedOut()).isFalse();
        assertThat(output).containsExactly("upgrading", "running 0042_orders", "done");
        assertThat(outputThreads)
                .as("the output's watchers may block: never on the HTTP client's threads")
                .containsOnly(runnerThread);
    }

    @Test
    void reportsTheExitCodeOfACommandThatFailed() throws Exception {
        Seen seen = runToTheEnd(job(Duration.ofMinutes(10)), "relation \"orders\" already exists\n", 3);

        assertThat(seen.end().exitCode()).isEqualTo(3);
        assertThat(seen.end().timedOut()).isFalse();
        assertThat(output).containsExactly("relation \"orders\" already exists");
    }

    @Test
    void runsTheCommandInTheImageWithTheStepsSettings() throws Exception {
        Job created =
                runToTheEnd(job(Duration.ofSeconds(599).plusMillis(1)), "", 0).job();

        Container container =
                created.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("migrations:1.4");
        assertThat(container.getCommand()).containsExactly("alembic", "upgrade", "head");
        assertThat(container.getWorkingDir()).isEqualTo("/workspace");
        assertThat(container.getEnv())
                .extracting(EnvVar::getName, EnvVar::getValue)
                .contains(tuple("LOG_LEVEL", "debug"));
        assertThat(created.getSpec().getBackoffLimit()).isEqualTo(2);
        assertThat(created.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
        assertThat(created.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(created.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "ferry")
                .containsEntry("ferry.dev/job", NAME);
    }

    @Test
    void givesTheJobCredentialsOnlyThroughASecret() throws Exception {
        Seen seen = runToTheEnd(job(Duration.ofMinutes(10)), "", 0);

        EnvVar url = seen.job().getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
                .filter(variable -> variable.getName().equals("DATABASE_URL"))
                .findFirst()
                .orElseThrow();
        assertThat(url.getValue()).isNull();
        assertThat(url.getValueFrom().getSecretKeyRef().getName()).isEqualTo(NAME);
        assertThat(url.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("DATABASE_URL");
        assertThat(Serialization.asJson(seen.job())).doesNotContain(PASSWORD);
        assertThat(decoded(seen.secret().getData().get("DATABASE_URL")))
                .isEqualTo("postgres://app:" + PASSWORD + "@db/orders");
    }

    @Test
    void unpacksTheWorkspaceWithoutGitInTheWorkingDirectory() throws Exception {
        Files.writeString(workspace.resolve("alembic.ini"), "[alembic]\nscript_location = migrations\n");
        Files.createDirectories(workspace.resolve(".git"));
        Files.writeString(workspace.resolve(".git/HEAD"), "ref: refs/heads/main\n");

        Seen seen = runToTheEnd(job(Duration.ofMinutes(10)).withWorkspace(workspace), "", 0);

        Map<String, byte[]> files = untar(seen.workspace().getBinaryData().get(JobManifests.ARCHIVE));
        assertThat(files).containsOnlyKeys("alembic.ini");
        assertThat(new String(files.get("alembic.ini"), StandardCharsets.UTF_8)).contains("script_location");
        Container unpack =
                seen.job().getSpec().getTemplate().getSpec().getInitContainers().getFirst();
        assertThat(unpack.getImage()).isEqualTo("busybox:1.36");
        assertThat(unpack.getCommand()).containsExactly("tar", "-xzf", "/ferry/workspace.tar.gz", "-C", "/workspace");
    }

    @Test
    void deletesTheJobItsSecretAndItsWorkspaceWhenItEnds() throws Exception {
        runToTheEnd(job(Duration.ofMinutes(10)).withWorkspace(workspace), "", 0);

        assertThat(kubelet.job(NAME)).isNull();
        assertThat(kubelet.client
                        .configMaps()
                        .inNamespace(NAMESPACE)
                        .withName(NAME)
                        .get())
                .isNull();
        assertThat(kubelet.client
                        .secrets()
                        .inNamespace(NAMESPACE)
                        .withName(NAME)
                        .get())
                .isNull();
    }

    @Test
    void reportsAJobTheClusterStoppedAtItsDeadlineAsTimedOut() throws Exception {
        CompletableFuture<JobEnd> end = run(job(Duration.ofMinutes(10)));
        kubelet.awaitJob(NAME);
        kubelet.jobEnded(NAME, "Failed", "DeadlineExceeded");

        assertThat(end.get(10, TimeUnit.SECONDS).timedOut()).isTrue();
        assertThat(kubelet.job(NAME)).isNull();
    }

    @Test
    void stopsAJobPastItsDeadlineWhenTheClusterDoesNot() throws Exception {
        runner = runner(Duration.ZERO);

        CompletableFuture<JobEnd> end = run(job(Duration.ofMillis(300)));
        kubelet.awaitJob(NAME);

        assertThat(end.get(10, TimeUnit.SECONDS).timedOut()).isTrue();
        assertThat(kubelet.job(NAME)).isNull();
    }

    @Test
    void followsAJobThatAnEarlierDeliveryStartedInsteadOfStartingASecond() throws Exception {
        kubelet.client
                .batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .resource(new JobBuilder()
                        .withNewMetadata()
                        .withName(NAME)
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .build())
                .create();
        kubelet.jobStarted(NAME, Instant.now().minus(Duration.ofMinutes(5)));
        requests();

        CompletableFuture<JobEnd> end = run(job(Duration.ofMinutes(10)).withWorkspace(workspace));
        kubelet.podExited(NAME, "already running\n", 0);
        kubelet.jobEnded(NAME, "Complete", null);

        JobEnd ended = end.get(10, TimeUnit.SECONDS);
        assertThat(ended.exitCode()).isZero();
        assertThat(ended.duration()).as("counted from the Job's start").isGreaterThan(Duration.ofMinutes(5));
        assertThat(output).containsExactly("already running");
        assertThat(requests())
                .filteredOn(request -> request.getMethod().equals("POST"))
                .extracting(RecordedRequest::getPath)
                .noneMatch(path -> path.contains("/jobs") || path.contains("/configmaps") || path.contains("/secrets"));
    }

    @Test
    void keepsFollowingAJobWhileTheApiServerDoesNotAnswerForAMoment() throws Exception {
        CompletableFuture<JobEnd> end = run(job(Duration.ofMinutes(10)));
        kubelet.awaitJob(NAME);
        kubelet.failReadsOfJob(NAME, 3);
        kubelet.podExited(NAME, "still here\n", 0);
        kubelet.jobEnded(NAME, "Complete", null);

        assertThat(end.get(10, TimeUnit.SECONDS).exitCode()).isZero();
        assertThat(output).containsExactly("still here");
    }

    @Test
    void masksCredentialsInWhatTheApiServerSaysWhenItRefusesTheSecret() {
        kubelet.server
                .expect()
                .post()
                .withPath("/api/v1/namespaces/" + NAMESPACE + "/secrets")
                .andReturn(
                        422,
                        new StatusBuilder()
                                .withCode(422)
                                .withMessage(
                                        "Secret \"x\" is invalid: data[DATABASE_URL]: Invalid value: \"postgres://app:"
                                                + PASSWORD + "@db/orders\"")
                                .build())
                .always();

        assertThatThrownBy(() -> runner.run(job(Duration.ofMinutes(10)), output::add))
                .isInstanceOfSatisfying(BuildFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
                    assertThat(failure.reason()).contains("creating Secret", "postgres://app:***@db/orders");
                    assertThat(failure.reason()).doesNotContain(PASSWORD);
                    assertThat(failure).hasNoCause();
                });
    }

    @Test
    void failsAsAuthenticationWhenTheClusterRefusesTheJob() {
        kubelet.server
                .expect()
                .post()
                .withPath("/apis/batch/v1/namespaces/" + NAMESPACE + "/jobs")
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withMessage(
                                        "jobs.batch is forbidden: User \"system:serviceaccount:ferry:build\" cannot create")
                                .build())
                .always();

        assertThatThrownBy(() -> runner.run(job(Duration.ofMinutes(10)), output::add))
                .isInstanceOfSatisfying(BuildFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(FailureKind.AUTHENTICATION);
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.reason()).contains("creating job " + NAME, "forbidden", "RBAC");
                });
        assertThat(kubelet.client.secrets().inNamespace(NAMESPACE).list().getItems())
                .as("what was made before the refusal is deleted")
                .isEmpty();
    }

    @Test
    void failsAsNotFoundWhenTheImageCannotBePulled() {
        CompletableFuture<JobEnd> end = run(job(Duration.ofMinutes(10)));
        kubelet.awaitJob(NAME);
        kubelet.podCannotPull(NAME, "migrations:1.4", "ErrImagePull", "manifest for migrations:1.4 not found");

        assertThatThrownBy(() -> end.get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(BuildFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.reason())
                            .contains("image migrations:1.4 for job " + NAME + " cannot be pulled")
                            .contains("manifest for migrations:1.4 not found");
                });
        assertThat(kubelet.job(NAME)).isNull();
    }

    @Test
    void refusesAWorkspaceTooBigForAConfigMapBeforeCreatingAnything() throws IOException {
        var noise = new byte[WorkspaceArchive.MAX_BYTES + 100_000];
        new Random(24).nextBytes(noise);
        Files.write(workspace.resolve("fixtures.bin"), noise);

        assertThatThrownBy(() -> runner.run(job(Duration.ofMinutes(10)).withWorkspace(workspace), output::add))
                .isInstanceOfSatisfying(BuildFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
                    assertThat(failure.reason()).contains("too big for a kubernetes job", "local or github-actions");
                });
        assertThat(kubelet.client
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(NAMESPACE)
                        .list()
                        .getItems())
                .isEmpty();
    }

    @Test
    void failsAsRetryableAndUnreachableNamingTheApiServerWhenTheClusterDoesNotAnswer() {
        var unreachable = new KubernetesClientBuilder()
                .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder()
                        .withMasterUrl("http://127.0.0.1:9")
                        .withOauthToken("cluster-token-do-not-show")
                        .withRequestRetryBackoffLimit(0)
                        .withConnectionTimeout(1_000)
                        .build())
                .build();
        var far = new KubernetesJobRunner(
                new KubernetesClusters(Map.of("production", unreachable), kubelet.client),
                "busybox:1.36",
                new KubernetesJobRunner.Settings(Duration.ofMillis(20), Duration.ofSeconds(30)),
                Clock.systemUTC());
        var job = new JobSpec(
                NAME,
                "orders",
                "migrations:1.4",
                List.of(),
                Map.of(),
                Set.of(),
                Optional.empty(),
                "/workspace",
                Duration.ofMinutes(1),
                new JobPlace.Kubernetes("production", NAMESPACE, 0));

        try (unreachable) {
            assertThatThrownBy(() -> far.run(job, output::add)).isInstanceOfSatisfying(BuildFailure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(FailureKind.UNREACHABLE);
                assertThat(failure.retryable()).isTrue();
                assertThat(failure.reason()).contains("http://127.0.0.1:9").doesNotContain("cluster-token");
            });
        }
    }

    /** What the cluster held while a job ran, which the test (as the kubelet) ended with {@code exitCode}. */
    private record Seen(Job job, ConfigMap workspace, Secret secret, JobEnd end) {}

    private Seen runToTheEnd(JobSpec job, String log, int exitCode) throws Exception {
        CompletableFuture<JobEnd> end = run(job);
        Job created = kubelet.awaitJob(NAME);
        ConfigMap files = job.workspace().isEmpty()
                ? null
                : await().until(
                                () -> kubelet.client
                                        .configMaps()
                                        .inNamespace(NAMESPACE)
                                        .withName(NAME)
                                        .get(),
                                KubernetesJobRunnerTest::ownedByTheJob);
        Secret secret = await().until(
                        () -> kubelet.client
                                .secrets()
                                .inNamespace(NAMESPACE)
                                .withName(NAME)
                                .get(),
                        KubernetesJobRunnerTest::ownedByTheJob);
        kubelet.podExited(NAME, log, exitCode);
        kubelet.jobEnded(NAME, exitCode == 0 ? "Complete" : "Failed", exitCode == 0 ? null : "BackoffLimitExceeded");
        return new Seen(created, files, secret, end.get(10, TimeUnit.SECONDS));
    }

    /** Kubernetes deletes it with the Job, should build-service stop before deleting it. */
    private static boolean ownedByTheJob(HasMetadata object) {
        return object != null
                && object.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner ->
                                owner.getKind().equals("Job") && owner.getName().equals(NAME));
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private KubernetesJobRunner runner(Duration grace) {
        return new KubernetesJobRunner(
                new KubernetesClusters(Map.of(), kubelet.runnerClient),
                "busybox:1.36",
                new KubernetesJobRunner.Settings(Duration.ofMillis(20), grace),
                Clock.systemUTC());
    }

    private CompletableFuture<JobEnd> run(JobSpec job) {
        return CompletableFuture.supplyAsync(() -> {
            runnerThread = Thread.currentThread();
            return runner.run(job, line -> {
                outputThreads.add(Thread.currentThread());
                output.add(line);
            });
        });
    }

    private static JobSpec job(Duration deadline) {
        return new JobSpec(
                NAME,
                "orders",
                "migrations:1.4",
                List.of("alembic", "upgrade", "head"),
                Map.of("LOG_LEVEL", "debug", "DATABASE_URL", "postgres://app:" + PASSWORD + "@db/orders"),
                Set.of(PASSWORD),
                Optional.empty(),
                "/workspace",
                deadline,
                new JobPlace.Kubernetes(null, NAMESPACE, 2));
    }

    /** The requests the API server received since the last call. */
    private List<RecordedRequest> requests() throws InterruptedException {
        var requests = new ArrayList<RecordedRequest>();
        for (RecordedRequest request = kubelet.server.takeRequest(50, TimeUnit.MILLISECONDS);
                request != null;
                request = kubelet.server.takeRequest(50, TimeUnit.MILLISECONDS)) {
            requests.add(request);
        }
        return requests;
    }

    private static Map<String, byte[]> untar(String base64) throws IOException {
        var files = new HashMap<String, byte[]>();
        try (var tar = new TarArchiveInputStream(
                new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64))))) {
            for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        return files;
    }
}
