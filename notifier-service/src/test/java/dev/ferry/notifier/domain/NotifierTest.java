package dev.ferry.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifierTest {

    private final Events events = new Events("m-42");
    private final Notifier notifier = new Notifier(Routing.to("#migrations"), MessageTemplates.defaults());

    private RunState run(MigrationEvent... all) {
        return run(notifier, all);
    }

    private static RunState run(Notifier notifier, MigrationEvent... all) {
        RunState state = RunState.start("m-42");
        for (MigrationEvent event : all) {
            state = notifier.accept(state, event);
        }
        return state;
    }

    private static List<String> texts(RunState state) {
        return state.pending().stream().map(Delivery::text).toList();
    }

    @Test
    void gridFollowsEachServiceThroughItsPhases() {
        RunState state = run(
                events.phase("split", Action.SPLIT, null, "user-service", "api-gateway"),
                events.split("user-service"),
                events.phase("build", Action.BUILD, null, "user-service"),
                events.failed("build", "user-service", "registry unreachable"));

        RunBoard board = state.board();
        assertThat(board.planName()).isEqualTo("fitsync");
        assertThat(board.phases()).containsExactly("split", "build");
        assertThat(board.services()).containsExactly("user-service", "api-gateway");
        assertThat(board.status("split", "user-service")).isEqualTo(CellStatus.SUCCEEDED);
        assertThat(board.status("split", "api-gateway")).isEqualTo(CellStatus.RUNNING);
        assertThat(board.status("build", "user-service")).isEqualTo(CellStatus.FAILED);
        assertThat(board.status("build", "api-gateway")).isEqualTo(CellStatus.PENDING);
    }

    @Test
    void resultsAreQuietInTheThreadAndOnlyChangeTheGrid() {
        RunState state = run(events.phase("split", Action.SPLIT, null, "user-service"), events.split("user-service"));

        assertThat(texts(state)).containsExactly("Phase *split* (split) started for 1 services");
        assertThat(state.threads()).containsExactly(new ChatThread("#migrations", null, 0));
    }

    @Test
    void saysWhoApprovedAPhaseAndAsWhichRoleWhenItStartsAndWhenItEnds() {
        String approvers = "dana (cli) as developer, tom (cli) as tech-lead";
        RunState state = run(
                new MigrationEvent.PhaseStarted(
                        events.ref(), "chat", "deploy-prod", Action.DEPLOY, "prod", 1, List.of("auth"), approvers),
                new MigrationEvent.PhaseCompleted(
                        events.ref(),
                        "deploy-prod",
                        Action.DEPLOY,
                        "prod",
                        "SUCCEEDED",
                        List.of("auth"),
                        List.of(),
                        61_000,
                        approvers));

        assertThat(texts(state))
                .containsExactly(
                        "Phase *deploy-prod* (deploy) started in prod for 1 services; approved by " + approvers,
                        "Phase *deploy-prod* succeeded in 1m 01s: 1 succeeded, 0 failed; approved by " + approvers);
    }

    @Test
    void tellsEachTrafficStepInTheThreadAsItHappens() {
        RunState state = run(
                events.phase("auth-cutover", Action.ofSymbol("SHIFT_TRAFFIC"), "production", "auth-service"),
                new MigrationEvent.TrafficStep(
                        events.ref(), "auth-cutover", "auth-service", "set 10% in commit 4f1c2ab"),
                new MigrationEvent.TrafficStep(
                        events.ref(),
                        "auth-cutover",
                        "auth-service",
                        "held 10%: 2880 evaluations, 0 failed; last 2026-12-07T06:00:00Z 10% errorRatio=0.00210 pass"));

        assertThat(texts(state))
                .containsExactly(
                        "Phase *auth-cutover* (shift-traffic) started in production for 1 services",
                        ":vertical_traffic_light: *auth-service* (phase auth-cutover): set 10% in commit 4f1c2ab",
                        ":vertical_traffic_light: *auth-service* (phase auth-cutover): held 10%: 2880 evaluations, 0"
                                + " failed; last 2026-12-07T06:00:00Z 10% errorRatio=0.00210 pass");
        assertThat(state.board().status("auth-cutover", "auth-service")).isEqualTo(CellStatus.RUNNING);
    }

    @Test
    void anActionAddedToTheCatalogueLaterReadsLikeAnyOther() {
        RunState state = run(
                events.phase("monitor", Action.ofSymbol("WAIT"), null, "auth-service"),
                new MigrationEvent.StepSucceeded(events.ref(), "monitor", "auth-service"));

        assertThat(texts(state)).containsExactly("Phase *monitor* (wait) started for 1 services");
        assertThat(state.board().status("monitor", "auth-service")).isEqualTo(CellStatus.SUCCEEDED);
        assertThat(Action.ofSymbol("SHIFT_TRAFFIC").word()).isEqualTo("shift-traffic");
    }

    @Test
    void stepFailedRepliesWithTheReason() {
        RunState state = run(events.failed("build", "user-service", "registry 10.0.0.5:5000 refused the connection"));

        assertThat(texts(state))
                .containsExactly(":x: build of *user-service* failed in phase build (attempt 2, UNREACHABLE, will be"
                        + " retried): registry 10.0.0.5:5000 refused the connection");
    }

    @Test
    void aFailureOfTheWholePhaseMarksEveryRunningServiceFailed() {
        RunState state = run(
                events.phase("build", Action.BUILD, null, "a", "b"),
                events.pushed("a"),
                events.failed("build", null, "builder crashed"));

        assertThat(state.board().status("build", "a")).isEqualTo(CellStatus.SUCCEEDED);
        assertThat(state.board().status("build", "b")).isEqualTo(CellStatus.FAILED);
        assertThat(texts(state).getLast()).contains("of *the whole phase* failed");
    }

    @Test
    void aGateAsksForApprovalWithTheExactCommand() {
        RunState state = run(events.phase("approve-prod", Action.GATE, "prod", "user-service"));

        assertThat(state.board().status("approve-prod", "user-service")).isEqualTo(CellStatus.AWAITING_APPROVAL);
        assertThat(texts(state))
                .containsExactly(":raised_hand: Phase *approve-prod* in prod of fitsync waits for approval. Approve"
                        + " with `ferry approve m-42 --phase approve-prod`");
    }

    @Test
    void phaseCompletedSaysHowItWent() {
        RunState state = run(
                events.phase("build", Action.BUILD, null, "a", "b"),
                events.completed("build", null, List.of("a"), List.of("b")));

        assertThat(texts(state).getLast())
                .isEqualTo("Phase *build* partially failed in 1m 05s: 1 succeeded, 1 failed (b)");
        assertThat(state.board().status("build", "a")).isEqualTo(CellStatus.SUCCEEDED);
        assertThat(state.board().status("build", "b")).isEqualTo(CellStatus.FAILED);
    }

    @Test
    void rollbackIsAnnouncedWhenItStartsAndWhenItIsDone() {
        RunState state = run(
                events.phase("rollback-prod", Action.ROLLBACK, "prod", "api-gateway"),
                events.synced("rollback-prod", "api-gateway", "prod", true));

        assertThat(texts(state))
                .containsExactly(
                        ":rewind: Rolling back api-gateway in prod (phase rollback-prod)",
                        ":rewind: *api-gateway* rolled back in prod to api-gateway-abc123");
        assertThat(state.board().status("rollback-prod", "api-gateway")).isEqualTo(CellStatus.ROLLED_BACK);
    }

    @Test
    void migrationFinishedReportsLeadTimesSuccessRateAndRollbackTimes() {
        RunState state = run(events.phase("split", Action.SPLIT, null, "user-service"), events.finished());

        assertThat(texts(state).getLast()).isEqualTo("""
                        Migration *m-42* (fitsync) succeeded in 1h 06m. Deploy success rate 75.0%.
                        • *user-service*: lead time 12m 34s, deploys 3/3
                        • *api-gateway*: lead time 1h 02m, deploys 3/4, rollback in prod took 42s
                        • *frontend*: lead time never deployed, deploys 0/1""");
        assertThat(state.board().outcome()).isEqualTo("succeeded");
    }

    @Test
    void aRejectedCommandIsExplained() {
        RunState state = run(events.rejected());

        assertThat(texts(state))
                .containsExactly("Command ApprovePhase from alice (cli) was rejected: phase prod is not waiting for"
                        + " approval (run is RUNNING)");
    }

    @Test
    void theSameEventTwiceChangesNothing() {
        var started = events.phase("split", Action.SPLIT, null, "user-service");
        RunState once = run(started);
        RunState twice = notifier.accept(once, started);

        assertThat(twice).isSameAs(once);
        assertThat(twice.pending()).hasSize(1);
    }

    @Test
    void failuresAndApprovalsAlsoGoToTheAlertsChannelSayingWhichRun() {
        var routing = new Routing("#migrations", Optional.of("#alerts"), Map.of());
        var withAlerts = new Notifier(routing, MessageTemplates.defaults());

        RunState state = run(
                withAlerts,
                events.phase("split", Action.SPLIT, null, "user-service"),
                events.failed("split", "user-service", "boom"),
                events.phase("gate", Action.GATE, null, "user-service"));

        assertThat(state.pending())
                .extracting(Delivery::kind, Delivery::channel, Delivery::threaded)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ReplyKind.PHASE_STARTED, "#migrations", true),
                        org.assertj.core.groups.Tuple.tuple(ReplyKind.STEP_FAILED, "#migrations", true),
                        org.assertj.core.groups.Tuple.tuple(ReplyKind.STEP_FAILED, "#alerts", false),
                        org.assertj.core.groups.Tuple.tuple(ReplyKind.APPROVAL_WAITING, "#migrations", true),
                        org.assertj.core.groups.Tuple.tuple(ReplyKind.APPROVAL_WAITING, "#alerts", false));
        assertThat(state.pending().get(2).text()).startsWith("[fitsync · m-42] :x: build of *user-service*");
        assertThat(state.threads()).extracting(ChatThread::channel).containsExactly("#migrations");
    }

    @Test
    void anEnvironmentWithItsOwnChannelGetsItsOwnThread() {
        var routing = new Routing(
                "#migrations",
                Optional.empty(),
                Map.of("fitsync", new Routing.PlanChannels(Optional.of("#fitsync"), Map.of("prod", "#fitsync-prod"))));
        var routed = new Notifier(routing, MessageTemplates.defaults());

        RunState state = run(
                routed,
                events.phase("deploy-dev", Action.DEPLOY, "dev", "a"),
                events.phase("deploy-prod", Action.DEPLOY, "prod", "a"));

        assertThat(state.pending()).extracting(Delivery::channel).containsExactly("#fitsync", "#fitsync-prod");
        assertThat(state.threads()).extracting(ChatThread::channel).containsExactly("#fitsync", "#fitsync-prod");
    }

    @Test
    void configuredTemplatesWordTheReplies() {
        var templates = MessageTemplates.defaults()
                .withOverrides(Map.of(ReplyKind.APPROVAL_WAITING, "{plan}: run `{approveCommand}` to go on"));
        var worded = new Notifier(Routing.to("#m"), templates);

        RunState state = run(worded, events.phase("gate", Action.GATE, null, "a"));

        assertThat(texts(state)).containsExactly("fitsync: run `ferry approve m-42 --phase gate` to go on");
    }

    @Test
    void aRunOrPhaseThatEndsFailedIsAnAlertAndOneThatSucceedsIsNot() {
        var routing = new Routing("#migrations", Optional.of("#alerts"), Map.of());
        var withAlerts = new Notifier(routing, MessageTemplates.defaults());
        var succeededPhase = events.completed("split", null, List.of("a"), List.of());
        var failedPhase = new MigrationEvent.PhaseCompleted(
                events.ref(), "build", Action.BUILD, null, "FAILED", List.of(), List.of("a"), 1_000);
        var failedRun = new MigrationEvent.MigrationFinished(events.ref(), "fitsync", "FAILED", List.of(), 0.0, 1_000);

        RunState state = run(withAlerts, succeededPhase, failedPhase, failedRun);

        assertThat(state.pending())
                .extracting(Delivery::kind, Delivery::channel)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ReplyKind.PHASE_COMPLETED, "#migrations"),
                        org.assertj.core.groups.Tuple.tuple(ReplyKind.PHASE_COMPLETED, "#migrations"),
                        org.assertj.core.groups.Tuple.tuple(ReplyKind.PHASE_COMPLETED, "#alerts"),
                        org.assertj.core.groups.Tuple.tuple(ReplyKind.MIGRATION_FINISHED, "#migrations"),
                        org.assertj.core.groups.Tuple.tuple(ReplyKind.MIGRATION_FINISHED, "#alerts"));
    }
}
