package dev.ferry.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.CliRun;
import dev.ferry.cli.status.MigrationStatus.PhaseState;
import dev.ferry.cli.status.MigrationStatus.RunState;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code ferry status} against a planner stand-in: which screen, which exit code. */
class StatusCommandTest {

    private final ScriptedPlanner planner = new ScriptedPlanner();

    private CliRun ferry(String... args) {
        return new CliRun().planner(planner::open).run(args);
    }

    @Test
    void withoutAnIdListsEveryRun() {
        planner.runs = List.of(Runs.midway());

        CliRun run = ferry("status");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(Runs.ID + "  fitsync-multi-repo  RUNNING");
        assertThat(planner.urls).containsExactly(URI.create("http://localhost:8080"));
    }

    @Test
    void withAnIdShowsTheRunAndExitsOneWhenItFailed() {
        planner.runs = List.of(Runs.run(
                RunState.FAILED, Runs.STARTED.plusSeconds(60), Runs.midway().phases()));

        CliRun run = ferry("status", Runs.ID, "--planner-url", "http://planner.internal:8081/");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("PHASE", "SERVICE", "errors:", "took 1m 00s");
        assertThat(planner.urls).containsExactly(URI.create("http://planner.internal:8081"));
    }

    @Test
    void thePlannerAddressCanComeFromTheEnvironment() {
        planner.runs = List.of();

        new CliRun()
                .variable("FERRY_PLANNER_URL", "http://10.0.0.7:8080")
                .planner(planner::open)
                .run("status");

        assertThat(planner.urls).containsExactly(URI.create("http://10.0.0.7:8080"));
    }

    @Test
    void watchingIntoAPipePrintsALinePerChangeAndTheOutcome() {
        MigrationStatus midway = Runs.midway();
        var done = Runs.run(
                RunState.SUCCEEDED,
                Runs.STARTED.plusSeconds(95),
                List.of(midway.phases().get(0)));
        planner.streams.add(List.of(midway, midway, done));

        CliRun run = ferry("status", Runs.ID, "--watch");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("migration " + Runs.ID + " (fitsync-multi-repo) RUNNING")
                .contains("build/frontend STARTED")
                .endsWith("migration " + Runs.ID + " SUCCEEDED in 1m 35s: 3/3 steps done" + System.lineSeparator())
                .doesNotContain("\u001B[");
    }

    @Test
    void watchingOnATerminalRedrawsTheSameScreenAndEndsWithTheOutcome() {
        var done = Runs.run(
                RunState.SUCCEEDED,
                Runs.STARTED.plusSeconds(95),
                List.of(Runs.phase(
                        "split", "SPLIT", null, PhaseState.SUCCEEDED, List.of(Runs.done("frontend", "k", "v")))));
        planner.streams.add(List.of(Runs.midway(), done));

        CliRun run = new CliRun().onTerminal().planner(planner::open).run("status", Runs.ID, "--watch");

        int firstFrame = StatusView.coloured().live(Runs.midway(), CliRun.NOW).size();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\u001B[" + firstFrame + "A\r\u001B[J").contains("SUCCEEDED in 1m 35s");
    }

    @Test
    void plainForcesLinesEvenOnATerminal() {
        planner.streams.add(List.of(Runs.run(RunState.ABORTED, Runs.STARTED.plusSeconds(5), List.of())));

        CliRun run = new CliRun().onTerminal().planner(planner::open).run("status", Runs.ID, "--watch", "--plain");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("\u001B[").contains("ABORTED in 5s");
    }

    @Test
    void aStreamThatEndsBeforeTheRunIsOpenedAgainThenGivenUpOn() {
        for (int i = 0; i <= StatusCommand.RECONNECTS; i++) {
            planner.streams.add(List.of(Runs.midway()));
        }

        CliRun run = ferry("status", Runs.ID, "--watch");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(planner.follows).isEqualTo(StatusCommand.RECONNECTS + 1);
        assertThat(run.err())
                .contains("ended before the run did; reconnecting")
                .contains("lost the planner's event stream for migration " + Runs.ID)
                .contains("last state RUNNING");
    }

    @Test
    void aStreamThatEndsAndResumesCarriesOnToTheEnd() {
        planner.streams.add(List.of(Runs.midway()));
        planner.streams.add(List.of(Runs.run(RunState.SUCCEEDED, Runs.STARTED.plusSeconds(9), List.of())));

        CliRun run = ferry("status", Runs.ID, "--watch");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("reconnecting");
    }

    @Test
    void plannerFailuresAreReportedAndExitOne() {
        planner.failure = new CliFailure("cannot reach the planner at http://localhost:8080 (connection refused)");

        CliRun run = ferry("status");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("ferry: cannot reach the planner at http://localhost:8080 (connection refused)"
                        + System.lineSeparator());
    }

    @Test
    void watchNeedsAnIdAndTheUrlMustBeHttp() {
        CliRun noId = ferry("status", "--watch");
        CliRun badUrl = ferry("status", "--planner-url", "localhost:8080");

        assertThat(noId.exitCode()).isEqualTo(2);
        assertThat(noId.err()).contains("--watch needs the ID of the run to follow");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--planner-url localhost:8080 is not a URL");
        assertThat(planner.urls).isEmpty();
    }

    @Test
    void asJsonAndYamlTheRunsAreThePlannersDataForScripts() throws Exception {
        planner.runs = List.of(Runs.midway());

        CliRun json = ferry("status", "-o", "json");
        CliRun yaml = ferry("status", Runs.ID, "--output", "yaml");

        assertThat(json.exitCode()).isZero();
        var runs = new ObjectMapper().readTree(json.out());
        assertThat(runs.get(0).path("id").asText()).isEqualTo(Runs.ID);
        assertThat(runs.get(0).path("state").asText()).isEqualTo("RUNNING");
        Map<String, Object> run = new Yaml().load(yaml.out());
        assertThat(run).containsEntry("id", Runs.ID).containsEntry("planName", "fitsync-multi-repo");
    }

    @Test
    void watchingAsJsonPrintsOneLinePerState() throws Exception {
        MigrationStatus midway = Runs.midway();
        var done = Runs.run(
                RunState.SUCCEEDED,
                Runs.STARTED.plusSeconds(95),
                List.of(midway.phases().get(0)));
        planner.streams.add(List.of(midway, done));

        CliRun run = ferry("status", Runs.ID, "--watch", "-o", "json");

        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(new ObjectMapper().readTree(lines.get(1)).path("state").asText())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void versionNamesThePlannersVersionWhenItAnswersAndSaysSoWhenItDoesNot() {
        planner.version = "0.9.1";
        assertThat(ferry("--version").out()).contains("ferry ", "planner 0.9.1 at http://localhost:8080");

        planner.version = null;
        assertThat(ferry("--version").out()).contains("planner: no answer at http://localhost:8080");
    }

    @Test
    void completionPrintsAShellScriptForEveryCommand() {
        CliRun run = ferry("completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F", "status", "approve");
    }

    /** Answers with preset runs; each follow plays the next preset stream. */
    static final class ScriptedPlanner implements PlannerClient {
        final List<URI> urls = new ArrayList<>();
        final List<List<MigrationStatus>> streams = new ArrayList<>();
        List<MigrationStatus> runs = List.of();
        String version;
        CliFailure failure;
        int follows;

        PlannerClient open(URI url) {
            urls.add(url);
            return this;
        }

        @Override
        public List<MigrationStatus> migrations() {
            failIfSet();
            return runs;
        }

        @Override
        public MigrationStatus migration(String id) {
            failIfSet();
            return runs.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        }

        @Override
        public RunPlan plan(String id) {
            throw new AssertionError("ferry status reads no plan");
        }

        @Override
        public void follow(String id, Consumer<MigrationStatus> listener) {
            failIfSet();
            streams.get(follows++).forEach(listener);
        }

        @Override
        public Optional<String> version() {
            return Optional.ofNullable(version);
        }

        private void failIfSet() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
