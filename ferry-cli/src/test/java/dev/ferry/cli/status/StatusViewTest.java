package dev.ferry.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.status.MigrationStatus.PhaseState;
import dev.ferry.cli.status.MigrationStatus.RunState;
import dev.ferry.cli.status.MigrationStatus.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusViewTest {

    private static final Instant NOW = Runs.STARTED.plusSeconds(252);
    private final StatusView plain = StatusView.plain();

    @Test
    void listsRunsOnePerLineWithTheirProgress() {
        var finished = new MigrationStatus(
                "1d0e7f3a-5b2c-4e8d-9a6f-3c7b1e0d2a44",
                "gitops-rollout",
                RunState.SUCCEEDED,
                Instant.parse("2026-11-21T08:00:00.123Z"),
                Instant.parse("2026-11-21T08:04:10Z"),
                List.of(Runs.phase("split", "SPLIT", null, PhaseState.SUCCEEDED, List.of(Runs.done("a", "k", "v")))));

        List<String> lines = plain.table(List.of(Runs.midway(), finished));

        assertThat(lines)
                .containsExactly(
                        "ID                                    PLAN                STATE      STARTED               FINISHED"
                                + "              STEPS",
                        Runs.ID + "  fitsync-multi-repo  RUNNING    2026-11-22T10:00:00Z  -                     4/9",
                        "1d0e7f3a-5b2c-4e8d-9a6f-3c7b1e0d2a44  gitops-rollout      SUCCEEDED  2026-11-21T08:00:00Z"
                                + "  2026-11-21T08:04:10Z  1/1");
    }

    @Test
    void showsWhoSignedOffAsWhatAndWhichRolesAreStillMissing() {
        var partly = new MigrationStatus.Phase(
                "deploy-prod",
                "DEPLOY",
                "prod",
                PhaseState.AWAITING_APPROVAL,
                true,
                null,
                List.of(new MigrationStatus.Approval("dana (cli)", "developer", NOW)),
                List.of("tech-lead", "devops"),
                List.of(Runs.pending("api-gateway")));
        var approved = new MigrationStatus.Phase(
                "deploy-dev",
                "DEPLOY",
                "dev",
                PhaseState.SUCCEEDED,
                true,
                "pat (cli)",
                List.of(new MigrationStatus.Approval("pat (cli)", "approver", NOW)),
                List.of(),
                List.of(Runs.done("api-gateway", "imageTag", "t")));

        List<String> lines = plain.detail(Runs.run(RunState.RUNNING, null, List.of(approved, partly)), NOW);

        assertThat(lines)
                .containsSubsequence(
                        "phase deploy-dev approved by pat (cli)",
                        "",
                        "phase deploy-prod waits for approval: ferry approve " + Runs.ID
                                + " --phase deploy-prod --environment prod --role tech-lead|devops",
                        "",
                        "phase deploy-prod signed off by dana (cli) as developer; still needs tech-lead, devops");
    }

    @Test
    void saysHowToStartARunWhenThereIsNone() {
        assertThat(plain.table(List.of())).containsExactly("no migrations yet: start one with `ferry apply PLAN.yaml`");
    }

    @Test
    void showsPhasesThenEachServicesStepsThenWhatWaitsErrorsAndResults() {
        List<String> lines = plain.detail(Runs.midway(), NOW);

        assertThat(lines)
                .containsSubsequence(
                        "fitsync-multi-repo  migration " + Runs.ID + "  RUNNING  running for 4m 12s",
                        "",
                        "PHASE        ACTION  ENV   STATE              PROGRESS",
                        "split        SPLIT   -     SUCCEEDED          [####################] 3/3",
                        "build        BUILD   -     RUNNING            [######--------------] 1/3",
                        "deploy-prod  DEPLOY  prod  AWAITING_APPROVAL  [--------------------] 0/3",
                        "",
                        "SERVICE       split      build         deploy-prod  PROGRESS",
                        "api-gateway   succeeded  succeeded     pending      [#############-------] 2/3",
                        "user-service  succeeded  retry-wait#2  pending      [######--------------] 1/3",
                        "frontend      succeeded  started       pending      [######--------------] 1/3",
                        "",
                        "phase deploy-prod waits for approval: ferry approve " + Runs.ID
                                + " --phase deploy-prod --environment prod",
                        "",
                        "errors:",
                        "  build/user-service attempt 2: registry answered 503 ...",
                        "",
                        "results:",
                        "  split/api-gateway   splitCommit=4f1c2ab",
                        "  split/user-service  splitCommit=77aa001",
                        "  split/frontend      splitCommit=0c0ffee",
                        "  build/api-gateway   imageDigest=sha256:aaa");
    }

    @Test
    void showsATrafficShiftsEvaluationsAsTheirCountAndTheNewest() {
        var shifted = Runs.done(
                "auth-service",
                "evaluations",
                "2026-11-22T10:00:00Z 10% errorRatio=0.00100000 pass\n2026-11-22T10:01:00Z 25% errorRatio=0.00200000 pass");
        var run = Runs.run(
                RunState.SUCCEEDED,
                NOW,
                List.of(Runs.phase(
                        "auth-cutover", "SHIFT_TRAFFIC", "production", PhaseState.SUCCEEDED, List.of(shifted))));

        assertThat(plain.detail(run, NOW))
                .contains("  auth-cutover/auth-service  evaluations=[2 lines, last: 2026-11-22T10:01:00Z 25%"
                        + " errorRatio=0.00200000 pass]");
    }

    @Test
    void showsWhenAWaitEndsAndHowLongIsLeft() {
        var waiting = new MigrationStatus.Step(
                "auth-service",
                StepState.STARTED,
                1,
                Runs.STARTED,
                null,
                Runs.STARTED.plus(Duration.ofHours(48)),
                null,
                java.util.Map.of());
        var run = Runs.run(
                RunState.RUNNING,
                null,
                List.of(Runs.phase("monitor", "WAIT", null, PhaseState.RUNNING, List.of(waiting))));

        assertThat(plain.detail(run, NOW))
                .contains("phase monitor waits until 2026-11-24T10:00:00Z for auth-service (47h 55m left)");
    }

    @Test
    void colouredLiveFramesDrawBlockBarsAndColourStatesButLineUpLikePlainOnes() {
        List<String> coloured = StatusView.coloured().live(Runs.midway(), NOW);
        List<String> plainFrame = plain.live(Runs.midway(), NOW);

        assertThat(coloured).anyMatch(line -> line.contains("\u001B[32msucceeded\u001B[0m"));
        assertThat(coloured).anyMatch(line -> line.contains("\u001B[32m████████████████████\u001B[0m"));
        // Colour escapes take no width, so the columns line up exactly as in the plain frame.
        List<String> uncoloured = coloured.stream()
                .map(line -> line.replaceAll("\u001B\\[[0-9;]*m", "")
                        .replace('█', '#')
                        .replace('░', '-'))
                .toList();
        List<String> unbracketed = plainFrame.stream()
                .map(line -> line.replace("[", "").replace("]", ""))
                .toList();
        assertThat(uncoloured).isEqualTo(unbracketed);
        assertThat(plain.live(Runs.midway(), NOW)).noneMatch(line -> line.contains("\u001B"));
    }

    @Test
    void aFirstStateReportsEverythingThatStarted() {
        List<String> lines = plain.changes(null, Runs.midway());

        assertThat(lines)
                .containsExactly(
                        "migration " + Runs.ID + " (fitsync-multi-repo) RUNNING",
                        "phase split SUCCEEDED",
                        "split/api-gateway SUCCEEDED splitCommit=4f1c2ab",
                        "split/user-service SUCCEEDED splitCommit=77aa001",
                        "split/frontend SUCCEEDED splitCommit=0c0ffee",
                        "phase build RUNNING",
                        "build/api-gateway SUCCEEDED imageDigest=sha256:aaa",
                        "build/user-service RETRY_WAIT (attempt 2): registry answered 503 ...",
                        "build/frontend STARTED",
                        "phase deploy-prod AWAITING_APPROVAL (waits for approval: ferry approve " + Runs.ID
                                + " --phase deploy-prod --environment prod)");
    }

    @Test
    void laterStatesReportOnlyWhatChangedAndTheEnd() {
        MigrationStatus before = Runs.midway();
        var frontendBuilt = Runs.run(
                RunState.RUNNING,
                null,
                List.of(
                        before.phases().get(0),
                        Runs.phase(
                                "build",
                                "BUILD",
                                null,
                                PhaseState.RUNNING,
                                List.of(
                                        before.phases().get(1).steps().get(0),
                                        before.phases().get(1).steps().get(1),
                                        Runs.done("frontend", "imageDigest", "sha256:fff"))),
                        before.phases().get(2)));
        var aborted = Runs.run(RunState.ABORTED, Runs.STARTED.plusSeconds(300), frontendBuilt.phases());

        assertThat(plain.changes(before, frontendBuilt))
                .containsExactly("build/frontend SUCCEEDED imageDigest=sha256:fff");
        assertThat(plain.changes(frontendBuilt, aborted))
                .containsExactly(
                        "migration " + Runs.ID + " (fitsync-multi-repo) ABORTED",
                        "migration " + Runs.ID + " ABORTED in 5m 00s: 5/9 steps done");
        assertThat(plain.changes(aborted, aborted)).isEmpty();
    }

    @Test
    void aFailedStepPaintsItsBarsRedAndUnknownStatesStillShow() {
        var failed = Runs.run(
                RunState.FAILED,
                null,
                List.of(Runs.phase(
                        "build",
                        "BUILD",
                        null,
                        PhaseState.FAILED,
                        List.of(
                                Runs.step("user-service", StepState.FAILED),
                                Runs.step("frontend", StepState.UNKNOWN)))));

        List<String> lines = StatusView.coloured().live(failed, NOW);

        assertThat(lines).anyMatch(line -> line.startsWith("build") && line.contains("\u001B[31m"));
        assertThat(lines).anyMatch(line -> line.startsWith("frontend") && line.contains("unknown"));
    }

    @Test
    void aRunningJobShowsTheLastLinesItPrinted() {
        var tests = new MigrationStatus.Step(
                "backend",
                StepState.STARTED,
                1,
                NOW.minusSeconds(20),
                null,
                null,
                null,
                Map.of(),
                List.of("backend/tests/test_api.py PASSED", "backend/tests/test_sims.py PASSED"));
        var running = Runs.run(
                RunState.RUNNING,
                null,
                List.of(Runs.phase("backend-tests", "RUN", null, PhaseState.RUNNING, List.of(tests))));

        assertThat(StatusView.plain().live(running, NOW))
                .containsSubsequence(
                        "running jobs:",
                        "  backend-tests backend:",
                        "    | backend/tests/test_api.py PASSED",
                        "    | backend/tests/test_sims.py PASSED");
    }

    @Test
    void elapsedTimesReadLikeAPersonWouldSayThem() {
        assertThat(StatusView.elapsed(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(StatusView.elapsed(Duration.ofSeconds(252))).isEqualTo("4m 12s");
        assertThat(StatusView.elapsed(Duration.ofMinutes(125))).isEqualTo("2h 05m");
    }
}
