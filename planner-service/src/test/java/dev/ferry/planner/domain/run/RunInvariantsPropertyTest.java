package dev.ferry.planner.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.FailurePolicy;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.RetryPolicy;
import dev.ferry.plan.Rollout;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.Actions;
import dev.ferry.planner.domain.run.RunEffect.PhaseStartRequested;
import dev.ferry.planner.domain.run.RunEffect.ServiceStart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random plans driven by random sequences of worker reports, ticks and ops commands. Whatever the order, no step
 * starts before its dependencies succeeded, no step starts while it is already running, a paused run starts nothing,
 * an aborted run never runs again, and a running run leaves no step pending that could start (the planner looks only
 * at the steps an input touched, so a step it overlooked would wait for ever).
 */
class RunInvariantsPropertyTest {

    private static final List<Action> KINDS = List.of(Actions.SPLIT, Actions.BUILD, Actions.DEPLOY, Actions.GATE);

    @Property(tries = 400)
    void theRunKeepsItsInvariants(
            @ForAll("plans") MigrationPlan plan, @ForAll @Size(max = 120) List<@IntRange(max = 999) Integer> dice) {
        var driver = new RunDriver(plan);
        var inFlight = new HashSet<StepKey>();
        record(driver, driver.startEffects, inFlight, false);
        assertThat(readyButPending(driver.run()))
                .as("steps ready but left pending")
                .isEmpty();
        boolean everAborted = false;
        for (int die : dice) {
            RunState before = driver.run().state();
            List<RunEffect> effects = act(driver, die, inFlight);
            everAborted |= driver.run().state() == RunState.ABORTED;
            if (everAborted) {
                assertThat(driver.run().state())
                        .as("an aborted run stays aborted")
                        .isEqualTo(RunState.ABORTED);
            }
            boolean pausedThroughout = before == RunState.PAUSED && driver.run().state() == RunState.PAUSED;
            record(driver, effects, inFlight, pausedThroughout || (everAborted && before == RunState.ABORTED));
            assertThat(readyButPending(driver.run()))
                    .as("steps ready but left pending after " + die)
                    .isEmpty();
        }
    }

    private static void record(RunDriver driver, List<RunEffect> effects, Set<StepKey> inFlight, boolean mustBeQuiet) {
        for (PhaseStartRequested start : RunDriver.starts(effects)) {
            assertThat(mustBeQuiet)
                    .as("a paused or aborted run started " + start)
                    .isFalse();
            for (ServiceStart service : start.services()) {
                StepKey key = new StepKey(start.phase(), service.service());
                assertThat(inFlight.add(key))
                        .as(key + " started while already running")
                        .isTrue();
                if (start.action() != Actions.ROLLBACK) {
                    for (String dependency : driver.run().phase(start.phase()).dependsOn()) {
                        assertThat(driver.run().step(dependency, service.service()))
                                .as(key + " started before " + dependency + " succeeded")
                                .get()
                                .extracting(Step::state)
                                .isEqualTo(StepState.SUCCEEDED);
                    }
                }
            }
        }
    }

    /** Pending steps that could start now, in phases that start every ready step (no barrier, approval or rollout). */
    private static List<StepKey> readyButPending(MigrationRun run) {
        if (run.state() != RunState.RUNNING || run.stopping()) {
            return List.of();
        }
        return run.forwardPhases().stream()
                .filter(phase -> !phase.waitsForAllServices()
                        && !phase.waitsForPerson()
                        && phase.rollout() != Rollout.SEQUENTIAL)
                .flatMap(phase -> run.stepsOf(phase.name()).stream()
                        .filter(step -> step.state() == StepState.PENDING
                                && run.dependenciesSucceeded(phase, step.key().service())))
                .map(Step::key)
                .toList();
    }

    /** Turns one die into a worker report on a running step, a tick, or a command. */
    private static List<RunEffect> act(RunDriver driver, int die, Set<StepKey> inFlight) {
        MigrationPlan plan = driver.run().plan();
        List<StepKey> running = new ArrayList<>(inFlight);
        running.sort((x, y) -> x.toString().compareTo(y.toString()));
        int choice = die % 20;
        if (choice < 12 && !running.isEmpty()) {
            StepKey key = running.get(die / 20 % running.size());
            inFlight.remove(key);
            return switch (choice % 4) {
                case 0 -> driver.fail(key.phase(), key.service(), true);
                case 1 -> driver.fail(key.phase(), key.service(), false);
                default ->
                    key.phase().startsWith("rollback")
                            ? driver.rolledBack(key.phase(), key.service(), "dev", "t")
                            : driver.succeed(key.phase(), key.service());
            };
        }
        String someone = "ops";
        String phase = plan.phases().get(die / 20 % plan.phases().size()).name();
        String service = plan.services().get(die / 7 % plan.services().size()).name();
        return switch (choice) {
            case 12, 13 -> driver.after(Duration.ofSeconds(die % 7)).handle(new RunInput.Tick());
            case 14 -> driver.handle(new RunInput.Approve(phase, null, someone));
            case 15 -> driver.handle(new RunInput.Pause(someone));
            case 16 -> driver.handle(new RunInput.Resume(someone));
            case 17 -> die % 3 == 0 ? driver.handle(new RunInput.Abort(someone)) : List.of();
            case 18 -> driver.handle(new RunInput.Retry(die % 2 == 0 ? null : phase, List.of(), someone));
            default -> driver.handle(new RunInput.Rollback(service, "dev", die % 2 == 0 ? null : "t0", someone));
        };
    }

    @Provide
    Arbitrary<MigrationPlan> plans() {
        Arbitrary<List<String>> services = Arbitraries.integers().between(1, 4).map(n -> {
            var names = new ArrayList<String>();
            for (int i = 0; i < n; i++) {
                names.add("svc-" + i);
            }
            return names;
        });
        Arbitrary<List<PhaseDefinition>> phases = Arbitraries.integers()
                .between(0, 1 << 20)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(RunInvariantsPropertyTest::phasesFrom);
        return Combinators.combine(services, phases).as((s, p) -> {
            var all = new ArrayList<>(p);
            all.add(TestPlans.phase("rollback-dev", Actions.ROLLBACK, "dev"));
            return TestPlans.plan(s, all.toArray(PhaseDefinition[]::new));
        });
    }

    /** Each number decides one phase: its action, which earlier phases it depends on, and its policies. */
    private static List<PhaseDefinition> phasesFrom(List<Integer> genes) {
        var phases = new ArrayList<PhaseDefinition>();
        for (int i = 0; i < genes.size(); i++) {
            int gene = genes.get(i);
            var dependsOn = new ArrayList<String>();
            for (int j = 0; j < i; j++) {
                if ((gene >> (4 + j) & 1) == 1) {
                    dependsOn.add("p" + j);
                }
            }
            Action kind = KINDS.get(gene % KINDS.size());
            phases.add(new PhaseDefinition(
                    "p" + i,
                    kind,
                    kind == Actions.DEPLOY ? "dev" : null,
                    dependsOn,
                    (gene >> 10 & 3) == 0,
                    (gene >> 12 & 3) == 0,
                    (gene >> 14 & 1) == 0 ? FailurePolicy.STOP : FailurePolicy.CONTINUE,
                    new RetryPolicy(1 + (gene >> 15 & 3), Duration.ofSeconds(gene >> 17 & 3), 2, Duration.ofSeconds(5)),
                    List.of(),
                    List.of()));
        }
        return phases;
    }
}
