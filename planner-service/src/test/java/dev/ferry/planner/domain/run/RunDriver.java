package dev.ferry.planner.domain.run;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.Actions;
import dev.ferry.planner.domain.run.RunEffect.PhaseStartRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Drives a run in tests: a clock that only moves when told, and workers that answer as the test says. */
final class RunDriver {
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private final MigrationRun run;
    final List<RunEffect> startEffects;
    private int builds;
    private final Map<String, StepResult> built = new HashMap<>();

    RunDriver(MigrationPlan plan) {
        var started = MigrationRun.start("run-1", plan, now);
        this.run = started.run();
        this.startEffects = started.transition().effects();
    }

    MigrationRun run() {
        return run;
    }

    RunDriver after(Duration duration) {
        now = now.plus(duration);
        return this;
    }

    Instant now() {
        return now;
    }

    List<RunEffect> succeed(String phase, String service) {
        Action action = run.plan().phase(phase).map(p -> p.action()).orElse(Actions.ROLLBACK);
        String environment = run.plan().phase(phase).map(p -> p.environment()).orElse(null);
        return handle(new RunInput.StepSucceeded(
                phase, service, attempt(phase, service), resultFor(action, service, environment)));
    }

    List<RunEffect> rolledBack(String phase, String service, String environment, String tag) {
        return handle(new RunInput.StepSucceeded(
                phase,
                service,
                attempt(phase, service),
                StepResult.of("environment", environment, "imageTag", tag, "gitopsCommit", "gitops-" + tag)));
    }

    List<RunEffect> fail(String phase, String service, boolean retryable) {
        return handle(new RunInput.StepFailed(
                phase, service, attempt(phase, service), retryable, "boom in " + phase + "/" + service, null));
    }

    /** The attempt a worker would name: the one of the phase.started it answers, i.e. the step's current attempt. */
    int attempt(String phase, String service) {
        return run.step(phase, service).map(Step::attempt).orElse(1);
    }

    List<RunEffect> handle(RunInput input) {
        return run.handle(input, now).effects();
    }

    /** What the action's worker would report, under the output names its catalogue entry gives. */
    private StepResult resultFor(Action action, String service, String environment) {
        return switch (action.name()) {
            case "split" -> StepResult.of("splitCommit", "split-" + service, "targetRepository", "/targets/" + service);
            case "build" -> {
                builds++;
                String tag = service + "-" + builds;
                StepResult result = StepResult.of(
                        "imageReference",
                        "reg/repo@sha256:" + builds,
                        "imageDigest",
                        "sha256:" + builds,
                        "imageTag",
                        tag);
                built.put(service, result);
                yield result;
            }
            // A deploy reports the digest it pinned (the build's); a rollback reports none, as deploy-service does.
            case "deploy" ->
                StepResult.of(
                        "environment",
                        environment,
                        "imageTag",
                        builtOutput(service, "imageTag").orElse("none"),
                        "imageDigest",
                        builtOutput(service, "imageDigest").orElse(null),
                        "gitopsCommit",
                        "gitops-1");
            case "rollback" ->
                StepResult.of(
                        "environment",
                        environment,
                        "imageTag",
                        builtOutput(service, "imageTag").orElse("none"),
                        "gitopsCommit",
                        "gitops-1");
            case "archive" -> StepResult.of("noticeCommit", "notice-" + service);
            default -> StepResult.of("approvedBy", "someone");
        };
    }

    /** What the service's latest build reported: the later phase's outputs win, as the planner hands them on. */
    private Optional<String> builtOutput(String service, String name) {
        return Optional.ofNullable(built.get(service)).map(result -> result.output(name));
    }

    static List<PhaseStartRequested> starts(List<RunEffect> effects) {
        var starts = new ArrayList<PhaseStartRequested>();
        for (RunEffect effect : effects) {
            if (effect instanceof PhaseStartRequested start) {
                starts.add(start);
            }
        }
        return starts;
    }

    static List<String> startedServices(List<RunEffect> effects, String phase) {
        return starts(effects).stream()
                .filter(s -> s.phase().equals(phase))
                .flatMap(s -> s.services().stream())
                .map(RunEffect.ServiceStart::service)
                .toList();
    }

    static <T extends RunEffect> List<T> only(List<RunEffect> effects, Class<T> type) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
